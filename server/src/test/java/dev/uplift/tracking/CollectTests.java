package dev.uplift.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import dev.uplift.support.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class CollectTests extends IntegrationTest {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void collectWhenSentAsTextPlainByBeaconReturns202AfterCommit() {
		long testId = Experiments.create(this.api, project(""), "Beacon", "beacon-goal", 1);
		String body = "{\"events\":[{\"type\":\"exposure\",\"visitor_id\":\"b1\",\"test_id\":" + testId
				+ ",\"variant_id\":\"1\"}]}";
		Response response = this.anonymous.send("POST", project("/collect"), "text/plain;charset=UTF-8", body);
		assertThat(response.status()).isEqualTo(202);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
		assertThat(visitors(testId, 1)).isEqualTo(1);
	}

	@Test
	void collectKeepsEachEventInTheLogAsItsClientWroteIt() {
		long testId = Experiments.create(this.api, project(""), "Log text", "log-text-goal", 1);
		String exposure = "{ \"type\": \"exposure\", \"event_id\": \"lt-1\", \"visitor_id\": \"lé\",\n  \"test_id\": "
				+ testId + ", \"variant_id\": \"1\" }";
		String goal = "{\"goal_key\":\"log-text-goal\",\"visitor_id\":\"lé\",\"type\":\"goal\",\"event_id\":\"lt-2\"}";
		Response response = this.anonymous.send("POST", project("/collect"), "application/json",
				"{\"events\": [ " + exposure + ",\n" + goal + " ]}");
		assertThat(response.status()).isEqualTo(202);
		assertThat(this.jdbc.sql("SELECT body FROM event_log WHERE event_id IN ('lt-1', 'lt-2') ORDER BY event_id")
			.query(String.class)
			.list()).containsExactly(exposure, goal);
	}

	@Test
	void collectAnswersWithAContentLengthNotChunked() {
		long testId = Experiments.create(this.api, project(""), "Length", "length-goal", 1);
		Response response = collect(List.of(Events.exposure("len-1", "len", testId, 0)));
		assertThat(response.status()).isEqualTo(202);
		// One write per answer: a chunked answer takes a second write for its last chunk
		// (docs/performance.md).
		assertThat(response.header("Transfer-Encoding")).isNull();
		assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(response.body().length()));
	}

	@Test
	void collectWhenRetriedWithTheSameEventIdsCountsOnce() {
		long testId = Experiments.create(this.api, project(""), "Retry", "retry-goal", 1);
		Map<String, Object> batch = Map.of("events",
				List.of(Events.exposure("r-1", "r1", testId, 0), Events.goal("r-2", "r1", "retry-goal")));
		for (int attempt = 0; attempt < 3; attempt++) {
			Response response = this.anonymous.post(project("/collect"), batch);
			assertThat(response.status()).isEqualTo(202);
			assertThat(response.json().get("accepted").asInt()).isEqualTo(2);
		}
		JsonNode control = result(testId).get("variants").get(0);
		assertThat(control.get("visitors").asLong()).isEqualTo(1);
		assertThat(control.get("conversions").asLong()).isEqualTo(1);
	}

	@Test
	void collectRejectsEachInvalidEventWithItsIndexAndStoresTheRest() {
		long testId = Experiments.create(this.api, project(""), "Validation", "validation-goal", 1);
		List<Object> events = new ArrayList<>();
		events.add(Events.exposure("ok-1", "ok", testId, 1));
		events.add(Map.of("type", "exposure", "test_id", testId, "variant_id", "1"));
		events.add(Map.of("type", "click", "visitor_id", "x"));
		events.add(Events.exposure(null, "bad\u0001id", testId, 1));
		events.add(Map.of("type", "exposure", "visitor_id", "x", "test_id", testId, "variant_id", "one"));
		events.add(Map.of("type", "exposure", "visitor_id", "x", "test_id", -4, "variant_id", "0"));
		events.add(Events.exposure("out-of-range", "x", testId, 5));
		events.add("not an object");
		events.add(Map.of("type", "goal", "visitor_id", "x", "goal_key", 12));
		Response response = collect(events);
		assertThat(response.status()).isEqualTo(202);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
		JsonNode rejected = response.json().get("rejected");
		assertThat(rejected.size()).isEqualTo(8);
		assertThat(rejected.get(0).get("index").asInt()).isEqualTo(1);
		assertThat(rejected.get(0).get("error").asString()).contains("'visitor_id' is required");
		assertThat(rejected.get(1).get("error").asString()).contains("'type' must be one of");
		assertThat(rejected.get(2).get("error").asString()).contains("control characters");
		assertThat(rejected.get(3).get("error").asString()).contains("'variant_id' must be an integer");
		assertThat(rejected.get(4).get("error").asString()).contains("'test_id' must be a positive integer");
		assertThat(rejected.get(5).get("error").asString()).contains("variant_id 5 is not a variant");
		assertThat(rejected.get(6).get("error").asString()).contains("JSON object");
		assertThat(rejected.get(7).get("error").asString()).contains("'goal_key' must be a string");
		assertThat(visitors(testId, 1)).isEqualTo(1);
	}

	@Test
	void collectExposureToAnExperimentThatIsNotLiveIsAcceptedAndNotCounted() {
		long testId = Experiments.create(this.api, project(""), "Draft", "draft-goal", 9);
		Response response = collect(List.of(Events.exposure("d-1", "d1", testId, 0)));
		assertThat(response.status()).isEqualTo(202);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
		assertThat(result(testId).get("total_visitors").asLong()).isZero();
	}

	@Test
	void collectCountsConversionsOnlyOfVisitorsWhoEnteredBefore() {
		long testId = Experiments.create(this.api, project(""), "Order", "order-goal", 1);
		List<Map<String, Object>> events = List.of(Events.goal("o-1", "early", "order-goal"),
				Events.exposure("o-2", "early", testId, 1), Events.goal("o-3", "never-exposed", "order-goal"),
				Events.exposure("o-4", "late", testId, 1), Events.goal("o-5", "late", "order-goal"),
				Events.exposure("o-6", "late", testId, 0));
		assertThat(collect(events).status()).isEqualTo(202);
		JsonNode variants = result(testId).get("variants");
		assertThat(variants.get(0).get("visitors").asLong()).isZero();
		assertThat(variants.get(1).get("visitors").asLong()).isEqualTo(2);
		assertThat(variants.get(1).get("conversions").asLong()).isEqualTo(1);
	}

	@Test
	void collectExposureOfAVisitorWhoEnteredEarlierChangesNothingAndOrdinalsStayDense() {
		long testId = Experiments.create(this.api, project(""), "Returning", "returning-goal", 1);
		assertThat(collect(List.of(Events.exposure("d-1", "a", testId, 0))).status()).isEqualTo(202);
		// In one batch: new visitors around a second exposure of "a", in another variant,
		// with no conversion of "a".
		List<Map<String, Object>> events = List.of(Events.exposure("d-2", "b", testId, 1),
				Events.exposure("d-3", "a", testId, 1), Events.exposure("d-4", "c", testId, 1),
				Events.exposure("d-5", "a", testId, 1), Events.exposure("d-6", "d", testId, 0),
				Events.goal("d-7", "d", "returning-goal"));
		Response response = collect(events);
		assertThat(response.status()).isEqualTo(202);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(6);
		JsonNode variants = result(testId).get("variants");
		assertThat(variants.get(0).get("visitors").asLong()).isEqualTo(2);
		assertThat(variants.get(0).get("conversions").asLong()).isEqualTo(1);
		assertThat(variants.get(1).get("visitors").asLong()).isEqualTo(2);
		assertThat(
				this.jdbc.sql("SELECT visitor_id, ordinal, variant FROM assignments WHERE test_id = ? ORDER BY ordinal")
					.param(testId)
					.query((rs, row) -> rs.getString(1) + "@" + rs.getLong(2) + ":" + rs.getInt(3))
					.list())
			.containsExactly("a@0:0", "b@1:1", "d@2:0", "c@3:1");
		// On PostgreSQL next_ordinal is the end of the block of ordinals the node took.
		assertThat(this.jdbc.sql("SELECT next_ordinal FROM experiments WHERE id = ?")
			.param(testId)
			.query(Long.class)
			.single()).isEqualTo(TestDatabase.postgresql() ? IngestionStorageConfiguration.ORDINAL_BLOCK : 4);
	}

	@Test
	void collectWhenBodyIsNotJsonReturns400() {
		Response response = this.anonymous.send("POST", project("/collect"), "application/json", "{\"events\": [");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).startsWith("Malformed JSON");
	}

	@Test
	void collectWithoutEventsArrayReturns400() {
		Response response = this.anonymous.post(project("/collect"), Map.of("event", List.of()));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("'events' array");
	}

	@Test
	void collectWithMoreThan1000EventsReturns413() {
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < 1001; i++) {
			events.add(Events.goal(null, "v", "g"));
		}
		Response response = collect(events);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.json().get("error").asString()).contains("At most 1000 events");
	}

	@Test
	void collectWithBodyOverOneMebibyteReturns413() {
		String padding = "x".repeat(1_100_000);
		Response response = this.anonymous.send("POST", project("/collect"), "application/json",
				"{\"events\":[],\"padding\":\"" + padding + "\"}");
		assertThat(response.status()).isEqualTo(413);
	}

	@Test
	void collectForUnknownProjectReturns404() {
		Response response = this.anonymous.post("/v2/project/UnknownProjectKey00000/collect",
				Map.of("events", List.of()));
		assertThat(response.status()).isEqualTo(404);
	}

	@Test
	void collectPreflightFromAnyOriginIsAllowed() {
		Response response = this.anonymous.sendWithHeaders("OPTIONS", project("/collect"),
				Map.of("Origin", "https://shop.example", "Access-Control-Request-Method", "POST"), null);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
	}

	@Test
	void collectFromAnotherOriginIsAnsweredWithTheRoutesCorsHeaders() {
		long testId = Experiments.create(this.api, project(""), "Origin", "origin-goal", 1);
		String body = "{\"events\":[{\"type\":\"exposure\",\"visitor_id\":\"or\",\"test_id\":" + testId
				+ ",\"variant_id\":\"1\"}]}";
		Response response = this.anonymous.sendWithHeaders("POST", project("/collect"),
				Map.of("Origin", "https://shop.example", "Content-Type", "application/json"), body);
		assertThat(response.status()).isEqualTo(202);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
		assertThat(response.header("Vary")).containsIgnoringCase("Origin");
		assertThat(visitors(testId, 1)).isEqualTo(1);
	}

	@Test
	void collectErrorFromAnotherOriginKeepsTheCorsHeadersSoTheScriptCanReadIt() {
		Response response = this.anonymous.sendWithHeaders("POST", project("/collect"),
				Map.of("Origin", "https://shop.example", "Content-Type", "application/json"), "{\"events\": [");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
		assertThat(response.json().get("error").asString()).startsWith("Malformed JSON");
	}

	@Test
	void collectOtherThanByPostOrAtAnotherPathIsAnsweredByTheApi() {
		Response get = this.anonymous.get(project("/collect"));
		assertThat(get.status()).isEqualTo(405);
		assertThat(get.json().get("error").asString()).isEqualTo("Method GET is not allowed here");
		Response slash = this.anonymous.post(project("/collect/"), Map.of("events", List.of()));
		assertThat(slash.status()).isEqualTo(404);
		assertThat(slash.json().get("error").asString()).startsWith("No such route");
	}

	@Test
	void collectOptionsWithoutPreflightListsTheAllowedMethods() {
		Response response = this.anonymous.sendWithHeaders("OPTIONS", project("/collect"), Map.of(), null);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Allow")).isEqualTo("POST, OPTIONS");
	}

	/** Posts the events to the project's collect route, as the browser script does. */
	private Response collect(List<?> events) {
		return this.anonymous.post(project("/collect"), Map.of("events", events));
	}

	private JsonNode result(long testId) {
		Response response = this.api.get(project("/experiment/" + testId + "/result"));
		assertThat(response.status()).isEqualTo(200);
		return response.json();
	}

	private long visitors(long testId, int variant) {
		return result(testId).get("variants").get(variant).get("visitors").asLong();
	}

}
