package dev.uplift.tracking;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What collect lets into the event log: only the fields of each event's kind, bounded
 * properties, valid Unicode ids. Anonymous clients cannot fill the disk with data Uplift
 * never reads.
 */
class CollectHygieneTests extends IntegrationTest {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void collectWhenVisitorIdsHoldLoneSurrogatesRejectsThemInsteadOfMerging() {
		Response response = collect(
				"{\"type\":\"goal\",\"event_id\":\"sur-1\",\"visitor_id\":\"sur\\ud800\",\"goal_key\":\"g\"},"
						+ "{\"type\":\"goal\",\"event_id\":\"sur-2\",\"visitor_id\":\"sur\\udfff\",\"goal_key\":\"g\"},"
						+ "{\"type\":\"goal\",\"event_id\":\"sur-3\",\"visitor_id\":\"sur\\ud83d\\ude00\",\"goal_key\":\"g\"}");
		assertThat(response.status()).isEqualTo(202);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
		JsonNode rejected = response.json().get("rejected");
		assertThat(rejected).hasSize(2);
		assertThat(rejected.get(0).get("index").asInt()).isZero();
		assertThat(rejected.get(0).get("error").asString())
			.isEqualTo("'visitor_id' must be valid Unicode: it holds a lone surrogate");
		assertThat(rejected.get(1).get("index").asInt()).isEqualTo(1);
		assertThat(storedBody("sur-3")).contains("sur\\ud83d\\ude00");
	}

	@Test
	void collectDropsUnknownFieldsFromTheStoredEvent() {
		String junk = "x".repeat(200_000);
		Response response = collect(
				"{\"type\":\"goal\",\"event_id\":\"junk-1\",\"visitor_id\":\"j1\",\"goal_key\":\"g\"," + "\"junk\":\""
						+ junk + "\",\"more\":{\"deep\":[1,2,3]}}");
		assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
		String stored = storedBody("junk-1");
		assertThat(stored).doesNotContain("junk\"").doesNotContain("more").hasSizeLessThan(200);
		assertThat(stored).contains("\"goal_key\":\"g\"").contains("\"visitor_id\":\"j1\"");
	}

	@Test
	void collectDropsUnknownAttributesOfAnExposure() {
		long testId = Experiments.create(this.api, project(""), "Attributes", "attributes-goal", 1);
		Response response = collect("{\"type\":\"exposure\",\"event_id\":\"attr-1\",\"visitor_id\":\"a1\",\"test_id\":"
				+ testId + ",\"variant_id\":\"0\",\"attributes\":{\"device\":\"mobile\",\"blob\":\""
				+ "y".repeat(50_000) + "\"}}");
		assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
		assertThat(storedBody("attr-1")).contains("\"device\":\"mobile\"").doesNotContain("blob").hasSizeLessThan(300);
	}

	@Test
	void collectDoesNotKeepDataHiddenInARepeatedPropertyOrWhiteSpace() {
		String hidden = "{\"type\":\"goal\",\"event_id\":\"dup-1\",\"visitor_id\":\"d1\",\"goal_key\":\""
				+ "z".repeat(90) + "\",\"goal_key\":\"g\"" + " ".repeat(100_000) + "}";
		Response response = collect(hidden + ",{\"type\":\"goal\",\"event_id\":\"dup-2\"," + " ".repeat(100_000)
				+ "\"visitor_id\":\"d2\",\"goal_key\":\"g\"}");
		assertThat(response.json().get("accepted").asInt()).isEqualTo(2);
		assertThat(storedBody("dup-1")).hasSizeLessThan(200).doesNotContain("zzz");
		assertThat(storedBody("dup-2")).hasSizeLessThan(200);
	}

	@Test
	void collectWhenPropertiesExceedTheirBoundsRejectsTheEvent() {
		StringBuilder many = new StringBuilder("{");
		for (int i = 0; i <= EventParser.MAX_PROPERTY_VALUES; i++) {
			many.append((i > 0) ? "," : "").append("\"p").append(i).append("\":").append(i);
		}
		many.append('}');
		Response response = collect(event("prop-1", many.toString()) + ","
				+ event("prop-2", "{\"text\":\"" + "w".repeat(EventParser.MAX_PROPERTY_CHARS) + "\"}") + ","
				+ event("prop-3", "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}") + ","
				+ event("prop-4", "{\"revenue\":9.5,\"currency\":\"EUR\",\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}"));
		JsonNode rejected = response.json().get("rejected");
		assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
		assertThat(rejected.get(0).get("error").asString()).isEqualTo("'properties' must hold at most 100 values");
		assertThat(rejected.get(1).get("error").asString()).isEqualTo("'properties' must hold at most 8192 characters");
		assertThat(rejected.get(2).get("error").asString())
			.isEqualTo("'properties' must not nest deeper than 4 levels");
		assertThat(storedBody("prop-4")).contains("\"items\":[{\"sku\":\"A-1\",\"qty\":2}]");
	}

	private static String event(String eventId, String properties) {
		return "{\"type\":\"event\",\"event_id\":\"" + eventId + "\",\"visitor_id\":\"p1\",\"name\":\"Purchase\","
				+ "\"properties\":" + properties + "}";
	}

	private Response collect(String events) {
		Response response = this.anonymous.send("POST", project("/collect"), "application/json",
				"{\"events\":[" + events + "]}");
		assertThat(response.status()).isEqualTo(202);
		return response;
	}

	private String storedBody(String eventId) {
		return this.jdbc.sql("SELECT body FROM event_log WHERE event_id = ?")
			.param(eventId)
			.query(String.class)
			.single();
	}

}
