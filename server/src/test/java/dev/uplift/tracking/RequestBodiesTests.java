package dev.uplift.tracking;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.uplift.error.InvalidInput;
import dev.uplift.error.PayloadTooLarge;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The events of a collect body, each with its text as sent, and the body's errors. */
class RequestBodiesTests {

	@Test
	void eachEventKeepsItsTextAsSentAfterMultiByteCharacters() {
		String first = "{ \"type\" : \"goal\", \"visitor_id\" : \"é-ü\", \"goal_key\" : \"k\" }";
		String second = "{\"type\":\"goal\",\"visitor_id\":\"🙂\",\"goal_key\":\"naïve\",\"x\":[1,{\"y\":\"}\"}]}";
		List<SentEvent> events = events("{\"note\":\"ça\",\"events\":[\n  " + first + " ,\n" + second + "\n]}");
		assertThat(events).extracting(SentEvent::text).containsExactly(first, second);
		assertThat(events.get(0).json().get("visitor_id").asString()).isEqualTo("é-ü");
		assertThat(events.get(1).json().get("goal_key").asString()).isEqualTo("naïve");
	}

	@Test
	void aByteOrderMarkBeforeTheBodyIsSkippedAndTheTextsStayWhole() {
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		byte[] json = "{\"events\":[{\"n\":\"é\"}]}".getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[bom.length + json.length];
		System.arraycopy(bom, 0, body, 0, bom.length);
		System.arraycopy(json, 0, body, bom.length, json.length);
		assertThat(RequestBodies.events(body, 10)).extracting(SentEvent::text).containsExactly("{\"n\":\"é\"}");
	}

	@Test
	void aBodyInUtf16IsReadAndItsEventsAreWrittenOut() {
		byte[] body = "{\"events\":[{\"n\": \"é\"}]}".getBytes(StandardCharsets.UTF_16BE);
		assertThat(RequestBodies.events(body, 10)).extracting(SentEvent::text).containsExactly("{\"n\":\"é\"}");
	}

	@Test
	void otherPropertiesAreSkippedWhateverTheirShape() {
		List<SentEvent> events = events(
				"{\"a\":{\"events\":[1]},\"events\":[{\"n\":1}],\"b\":[[],{}],\"c\":null,\"d\":\"events\"}");
		assertThat(events).extracting(SentEvent::text).containsExactly("{\"n\":1}");
	}

	@Test
	void eventsGivenTwiceCountAsTheLast() {
		assertThat(events("{\"events\":[{\"n\":1}],\"events\":[{\"n\":2},{\"n\":3}]}")).extracting(SentEvent::text)
			.containsExactly("{\"n\":2}", "{\"n\":3}");
		assertBadRequest("{\"events\":[{\"n\":1}],\"events\":{}}", "'events' array");
	}

	@Test
	void valuesThatAreNotObjectsAreKeptForTheParserToRefuse() {
		List<SentEvent> events = events("{\"events\":[5,\"x\",null,[1]]}");
		assertThat(events).hasSize(4);
		assertThat(events.get(0).json().isNumber()).isTrue();
		assertThat(events.get(3).text()).isEqualTo("[1]");
	}

	@Test
	void aBodyThatIsNotAnObjectWithAnEventsArrayIsRefused() {
		assertBadRequest("[{\"events\":[]}]", "'events' array");
		assertBadRequest("\"events\"", "'events' array");
		assertBadRequest("{\"event\":[]}", "'events' array");
		assertBadRequest("{\"events\":7}", "'events' array");
		assertBadRequest("   ", "'events' array");
		assertBadRequest("", "empty");
	}

	@Test
	void malformedJsonIsRefusedWhereverItIs() {
		assertBadRequest("{\"events\": [", "Malformed JSON");
		assertBadRequest("{\"events\":[{\"n\":1}]} {", "Malformed JSON");
		assertBadRequest("{\"events\":[{\"n\":1}]}]", "Malformed JSON");
		assertBadRequest("{\"events\":[{\"n\":1,}]}", "Malformed JSON");
		assertBadRequest("[1,2", "Malformed JSON");
	}

	@Test
	void moreEventsThanAllowedIsTooLargeUnlessTheBodyIsMalformed() {
		assertThatThrownBy(() -> events("{\"events\":[{},{},{}]}", 2)).isInstanceOf(PayloadTooLarge.class)
			.hasMessageContaining("At most 2 events per request; got 3");
		assertThat(events("{\"events\":[{},{}]}", 2)).hasSize(2);
		assertBadRequest("{\"events\":[{},{},{\"n\":}]}", "Malformed JSON");
	}

	private static List<SentEvent> events(String body) {
		return events(body, 1000);
	}

	private static List<SentEvent> events(String body, int maxEvents) {
		return RequestBodies.events(body.getBytes(StandardCharsets.UTF_8), maxEvents);
	}

	private static void assertBadRequest(String body, String message) {
		assertThatThrownBy(() -> events(body, 2)).isInstanceOf(InvalidInput.class).hasMessageContaining(message);
	}

}
