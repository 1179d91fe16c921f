package dev.uplift.tracking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import dev.uplift.assignment.Bucketing;
import dev.uplift.assignment.SplitRule;
import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire protocol of Mida's server-side SDKs: {@code POST /experiment/query} and
 * {@code /experiment/event}.
 */
class SdkEndpointTests extends IntegrationTest {

	private static final AtomicInteger sequence = new AtomicInteger();

	@Autowired
	private JdbcClient jdbc;

	@Test
	void queryWhenLiveReturnsTheArmOfTheDeterministicHash() {
		Sdk experiment = create(1, Map.of(), 2);
		List<String> seen = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			String visitor = "user-" + i;
			OptionalInt arm = Bucketing.assign(split(experiment.testId(), experiment.key(), 100, 3), visitor);
			String expected = (arm.getAsInt() == 0) ? "Control" : "Variant " + arm.getAsInt();
			assertThat(version(experiment.key(), visitor)).as(visitor).isEqualTo(expected);
			seen.add(expected);
		}
		assertThat(seen).contains("Control", "Variant 1", "Variant 2");
	}

	@Test
	void queryWhenHashSeedGivenAssignsByTheSeed() {
		String key = "seeded-" + sequence.incrementAndGet();
		Response created = this.api.post(project("/create-experiment"),
				Map.of("test_name", key, "experiment_key", key, "hash_seed", "shared-seed", "status", 1, "url",
						"https://shop.example/", "variants", List.of(Map.of("name", "B")), "primary_goal",
						Map.of("goal_name", key, "goal_type", "event", "goal_value", key)));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		long testId = created.json().get("test_id").asLong();
		for (int i = 0; i < 20; i++) {
			int arm = Bucketing.assign(split(testId, "shared-seed", 100, 2), "seeded-" + i).getAsInt();
			assertThat(version(key, "seeded-" + i)).isEqualTo((arm == 0) ? "Control" : "Variant 1");
		}
	}

	@Test
	void queryWhenExperimentKeepsHashVersionOneAssignsByTheFirstScheme() {
		Sdk experiment = create(1, Map.of(), 2);
		this.jdbc.sql("UPDATE experiments SET hash_version = 1 WHERE id = ?").param(experiment.testId()).update();
		// Other nodes and this one read experiments through a cache that a change through
		// the API refreshes.
		assertThat(
				this.api.patch(project("/experiment/" + experiment.testId()), Map.of("test_name", "Legacy")).status())
			.isEqualTo(200);
		int differs = 0;
		for (int i = 0; i < 40; i++) {
			String visitor = "legacy-" + i;
			SplitRule legacy = new SplitRule(experiment.testId(), Bucketing.LEGACY_HASH_VERSION, experiment.key(), 100,
					new double[] { 1, 1, 1 });
			int arm = Bucketing.assign(legacy, visitor).getAsInt();
			assertThat(version(experiment.key(), visitor)).as(visitor)
				.isEqualTo((arm == 0) ? "Control" : "Variant " + arm);
			differs += (arm != Bucketing.assign(split(experiment.testId(), experiment.key(), 100, 3), visitor)
				.getAsInt()) ? 1 : 0;
		}
		assertThat(differs).as("the two schemes split these visitors differently").isPositive();
	}

	@Test
	void queryByTheTestIdWhenNoExperimentKeyWasGiven() {
		long testId = createExperiment(null, 1, Map.of(), 1, goal("Default key"));
		String visitor = "default-key-visitor";
		int arm = Bucketing.assign(split(testId, Long.toString(testId), 100, 2), visitor).getAsInt();
		assertThat(version(Long.toString(testId), visitor)).isEqualTo((arm == 0) ? "Control" : "Variant 1");
	}

	@Test
	void queryByTestIdAsEarlyMidaNodeReleasesSendIt() {
		long testId = createExperiment(null, 1, Map.of(), 1, goal("Test id"));
		String arm = version(Long.toString(testId), "early-node");
		for (Object id : List.of(testId, Long.toString(testId))) {
			Response response = this.anonymous.post("/experiment/query",
					Map.of("key", PROJECT_KEY, "test_id", id, "distinct_id", "early-node"));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.json().get("version").asString()).isEqualTo(arm);
		}
	}

	@Test
	void queryWhenExperimentIsDraftOrPausedReturnsNullAndRecordsNothing() {
		Sdk draft = create(9, Map.of(), 1);
		Sdk paused = create(1, Map.of(), 1);
		assertThat(this.api.patch(project("/experiment/" + paused.testId() + "/status"), Map.of("status", 0)).status())
			.isEqualTo(200);
		for (Sdk experiment : List.of(draft, paused)) {
			Response response = query(experiment.key(), "visitor-1");
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.json().get("version").isNull()).isTrue();
			assertThat(result(experiment.testId()).get("total_visitors").asLong()).isZero();
		}
	}

	@Test
	void queryWhenExperimentKeyIsUnknownReturnsNull() {
		Response response = query("no-such-experiment", "visitor-1");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().has("version")).isTrue();
		assertThat(response.json().get("version").isNull()).isTrue();
	}

	@Test
	void queryWhenVisitorIsOutsideTheTrafficAllocationReturnsNullAndRecordsNothing() {
		Sdk experiment = create(1, Map.of("traffic_allocation", 30), 1);
		List<String> excluded = new ArrayList<>();
		for (int i = 0; excluded.size() < 5; i++) {
			if (Bucketing.assign(split(experiment.testId(), experiment.key(), 30, 2), "outsider-" + i).isEmpty()) {
				excluded.add("outsider-" + i);
			}
		}
		for (String visitor : excluded) {
			assertThat(version(experiment.key(), visitor)).as(visitor).isNull();
		}
		assertThat(result(experiment.testId()).get("total_visitors").asLong()).isZero();
	}

	@Test
	void queryRecordsTheExposureOnceHoweverOftenItIsRepeated() {
		Sdk experiment = create(1, Map.of(), 1);
		String first = version(experiment.key(), "repeat-visitor");
		for (int i = 0; i < 3; i++) {
			assertThat(version(experiment.key(), "repeat-visitor")).isEqualTo(first);
		}
		JsonNode result = result(experiment.testId());
		assertThat(result.get("total_visitors").asLong()).isEqualTo(1);
		assertThat(visitors(result, first)).isEqualTo(1);
	}

	@Test
	void queryAfterWeightsChangeKeepsAnEnteredVisitorInTheirArm() {
		Sdk experiment = create(1, Map.of("weights", List.of(1, 0)), 1);
		assertThat(version(experiment.key(), "sticky-visitor")).isEqualTo("Control");
		Response patched = this.api.patch(project("/experiment/" + experiment.testId()),
				Map.of("configuration", Map.of("weights", List.of(0, 1), "traffic_allocation", 100)));
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(version(experiment.key(), "sticky-visitor")).isEqualTo("Control");
		assertThat(version(experiment.key(), "newcomer")).isEqualTo("Variant 1");
		assertThat(result(experiment.testId()).get("total_visitors").asLong()).isEqualTo(2);
	}

	@Test
	void queryAndEventAcceptANumericDistinctIdAsItsDecimalText() {
		Sdk experiment = create(1, Map.of(), 1);
		Response response = this.anonymous.post("/experiment/query",
				Map.of("key", PROJECT_KEY, "experiment_key", experiment.key(), "distinct_id", 12345));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		String arm = response.json().get("version").asString();
		assertThat(version(experiment.key(), "12345")).isEqualTo(arm);
		assertThat(event(Map.of("key", PROJECT_KEY, "name", experiment.event(), "distinct_id", 12345)).status())
			.isEqualTo(202);
		JsonNode result = result(experiment.testId());
		assertThat(result.get("total_visitors").asLong()).isEqualTo(1);
		assertThat(conversions(result, arm)).isEqualTo(1);
	}

	@Test
	void eventWithPropertiesAsObjectCountsAConversionWithRevenue() {
		assertPurchaseCounted("buyer-1", Map.of("revenue", 49.99, "quantity", 1, "currency", "USD"), 49.99);
	}

	@Test
	void eventWithPropertiesAsJsonStringLikeTheNodeSdkCountsAConversionWithRevenue() {
		assertPurchaseCounted("buyer-2", "{\"revenue\":12.5,\"quantity\":1,\"currency\":\"USD\"}", 12.5);
	}

	@Test
	void eventWithoutPropertiesCountsAConversion() {
		Sdk experiment = create(1, Map.of(), 1);
		String arm = version(experiment.key(), "signup-1");
		Response response = event(Map.of("key", PROJECT_KEY, "name", experiment.event(), "distinct_id", "signup-1"));
		assertThat(response.status()).isEqualTo(202);
		assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(response.body().length()));
		assertThat(conversions(result(experiment.testId()), arm)).isEqualTo(1);
	}

	@Test
	void eventWhenRetriedWithTheSameEventIdCountsOnce() {
		Sdk experiment = create(1, Map.of(), 1);
		version(experiment.key(), "retrier");
		Map<String, Object> body = Map.of("key", PROJECT_KEY, "name", experiment.event(), "distinct_id", "retrier",
				"event_id", "sdk-retry-" + experiment.testId(), "properties", Map.of("revenue", 10));
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThat(event(body).status()).isEqualTo(202);
		}
		assertThat(result(experiment.testId()).get("total_conversions").asLong()).isEqualTo(1);
		assertThat(revenue(experiment.testId(), "retrier")).isEqualTo(10.0);
	}

	@Test
	void eventOfAVisitorWhoNeverEnteredIsAcceptedAndNotCounted() {
		Sdk experiment = create(1, Map.of(), 1);
		assertThat(event(Map.of("key", PROJECT_KEY, "name", experiment.event(), "distinct_id", "stranger")).status())
			.isEqualTo(202);
		assertThat(result(experiment.testId()).get("total_conversions").asLong()).isZero();
	}

	@Test
	void queryWhenAFieldIsMissingReturns400NamingIt() {
		assertEachFieldRequired("/experiment/query",
				Map.of("key", PROJECT_KEY, "experiment_key", "any", "distinct_id", "v"));
	}

	@Test
	void eventWhenAFieldIsMissingReturns400NamingIt() {
		assertEachFieldRequired("/experiment/event",
				Map.of("key", PROJECT_KEY, "name", "Purchase", "distinct_id", "v"));
	}

	@Test
	void queryOrEventWhenBodyIsNotJsonReturns400() {
		for (String path : List.of("/experiment/query", "/experiment/event")) {
			Response response = this.anonymous.send("POST", path, "application/json", "{\"key\": ");
			assertThat(response.status()).as(path).isEqualTo(400);
			assertThat(error(response)).startsWith("Malformed JSON");
			Response array = this.anonymous.send("POST", path, "application/json", "[1, 2]");
			assertThat(array.status()).as(path).isEqualTo(400);
			assertThat(error(array)).contains("JSON object");
		}
	}

	@Test
	void eventWhenPropertiesStringIsNotJsonReturns400() {
		Response response = event(
				Map.of("key", PROJECT_KEY, "name", "Purchase", "distinct_id", "v", "properties", "revenue=5"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(error(response)).contains("'properties'");
	}

	@Test
	void eventWhenRevenueIsNotANumberReturns400() {
		Response response = event(Map.of("key", PROJECT_KEY, "name", "Purchase", "distinct_id", "v", "properties",
				"{\"revenue\":\"lots\"}"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(error(response)).contains("'properties.revenue'");
	}

	@Test
	void queryOrEventForUnknownProjectKeyReturns404() {
		Response query = this.anonymous.post("/experiment/query",
				Map.of("key", "UnknownProjectKey00000", "experiment_key", "any", "distinct_id", "v"));
		assertThat(query.status()).isEqualTo(404);
		Response event = event(Map.of("key", "UnknownProjectKey00000", "name", "Purchase", "distinct_id", "v"));
		assertThat(event.status()).isEqualTo(404);
		assertThat(error(event)).isEqualTo("Project not found");
	}

	@Test
	void queryOrEventPreflightFromAnyOriginIsAllowed() {
		for (String path : List.of("/experiment/query", "/experiment/event")) {
			Response response = this.anonymous.sendWithHeaders("OPTIONS", path, Map.of("Origin", "https://app.example",
					"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"), null);
			assertThat(response.status()).as(path).isEqualTo(200);
			assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
		}
	}

	@Test
	void queryAndEventFromAnotherOriginAreAnsweredWithTheRoutesCorsHeaders() {
		Sdk experiment = create(1, Map.of(), 1);
		Map<String, String> headers = Map.of("Origin", "https://app.example", "Content-Type", "application/json");
		Response query = this.anonymous.sendWithHeaders("POST", "/experiment/query", headers, "{\"key\":\""
				+ PROJECT_KEY + "\",\"experiment_key\":\"" + experiment.key() + "\",\"distinct_id\":\"cors-1\"}");
		assertThat(query.status()).as(query.body()).isEqualTo(200);
		assertThat(query.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
		assertThat(query.json().get("version").asString()).isEqualTo(version(experiment.key(), "cors-1"));
		Response event = this.anonymous.sendWithHeaders("POST", "/experiment/event", headers,
				"{\"key\":\"" + PROJECT_KEY + "\",\"name\":\"" + experiment.event() + "\",\"distinct_id\":\"cors-1\"}");
		assertThat(event.status()).as(event.body()).isEqualTo(202);
		assertThat(event.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
		Response missing = this.anonymous.sendWithHeaders("POST", "/experiment/event", headers,
				"{\"key\":\"" + PROJECT_KEY + "\",\"name\":\"x\"}");
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
	}

	private void assertPurchaseCounted(String visitor, Object properties, double revenue) {
		Sdk experiment = create(1, Map.of(), 1);
		String arm = version(experiment.key(), visitor);
		Response response = event(Map.of("key", PROJECT_KEY, "name", experiment.event(), "distinct_id", visitor,
				"properties", properties));
		assertThat(response.status()).as(response.body()).isEqualTo(202);
		assertThat(response.json().get("success").asBoolean()).isTrue();
		assertThat(conversions(result(experiment.testId()), arm)).isEqualTo(1);
		assertThat(revenue(experiment.testId(), visitor)).isEqualTo(revenue);
	}

	private void assertEachFieldRequired(String path, Map<String, Object> complete) {
		for (String field : complete.keySet()) {
			Map<String, Object> body = new HashMap<>(complete);
			body.remove(field);
			Response response = this.anonymous.post(path, body);
			assertThat(response.status()).as(field).isEqualTo(400);
			assertThat(error(response)).contains("'" + field + "'");
		}
	}

	private Sdk create(int status, Map<String, Object> configuration, int treatments) {
		int n = sequence.incrementAndGet();
		String event = "sdk-event-" + n;
		String key = "sdk-experiment-" + n;
		return new Sdk(createExperiment(key, status, configuration, treatments, goal(event)), key, event);
	}

	/** An event-type goal whose value is the event name; returns its goal key. */
	private String goal(String eventName) {
		String goalKey = "goal-" + eventName.toLowerCase().replace(' ', '-') + "-" + sequence.incrementAndGet();
		Response goal = this.api.post(project("/goal"),
				Map.of("goal_name", goalKey, "goal_key", goalKey, "goal_type", "event", "goal_value", eventName));
		assertThat(goal.status()).as(goal.body()).isIn(200, 201);
		return goalKey;
	}

	private long createExperiment(String key, int status, Map<String, Object> configuration, int treatments,
			String goalKey) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("test_name", "SDK " + sequence.incrementAndGet());
		body.put("url", "https://example.com/");
		body.put("variants", Collections.nCopies(treatments, Map.of("data", List.of())));
		body.put("primary_goal_key", goalKey);
		body.put("status", status);
		body.put("configuration", configuration);
		if (key != null) {
			body.put("experiment_key", key);
		}
		Response created = this.api.post(project("/create-experiment"), body);
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		return created.json().get("test_id").asLong();
	}

	private Response query(String experimentKey, String visitorId) {
		return this.anonymous.post("/experiment/query",
				Map.of("key", PROJECT_KEY, "experiment_key", experimentKey, "distinct_id", visitorId));
	}

	private String version(String experimentKey, String visitorId) {
		Response response = query(experimentKey, visitorId);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode version = response.json().get("version");
		return version.isNull() ? null : version.asString();
	}

	private Response event(Map<String, Object> body) {
		return this.anonymous.post("/experiment/event", body);
	}

	private JsonNode result(long testId) {
		Response response = this.api.get(project("/experiment/" + testId + "/result"));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static long visitors(JsonNode result, String arm) {
		return variant(result, arm).get("visitors").asLong();
	}

	private static long conversions(JsonNode result, String arm) {
		return variant(result, arm).get("conversions").asLong();
	}

	private static JsonNode variant(JsonNode result, String arm) {
		int index = "Control".equals(arm) ? 0 : Integer.parseInt(arm.substring("Variant ".length()));
		return result.get("variants").get(index);
	}

	private double revenue(long testId, String visitorId) {
		return this.jdbc.sql("SELECT revenue FROM conversions WHERE test_id = ? AND visitor_id = ?")
			.params(testId, visitorId)
			.query(Double.class)
			.single();
	}

	private static String error(Response response) {
		return response.json().get("error").asString();
	}

	/**
	 * An experiment made for a test: its test id, its experiment key and the event name
	 * of its goal.
	 */
	/** The current scheme's split of an experiment with equal weights on its arms. */
	private static SplitRule split(long testId, String seed, double allocation, int arms) {
		double[] weights = new double[arms];
		java.util.Arrays.fill(weights, 1);
		return new SplitRule(testId, Bucketing.HASH_VERSION, seed, allocation, weights);
	}

	private record Sdk(long testId, String key, String event) {
	}

}
