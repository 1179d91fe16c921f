package dev.uplift.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser script's configuration route, checked against its contract
 * (client-config.md).
 */
class ClientConfigTests extends IntegrationTest {

	private static final String ORIGIN = "https://shop.example";

	@Autowired
	private JdbcClient jdbc;

	@Test
	void clientConfigWhenExperimentIsLiveListsItInTheContractShape() {
		String goal = unique("cta-click");
		String scroll = unique("scroll");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("test_name", "Pricing CTA");
		body.put("url", "https://shop.example/pricing");
		body.put("page_urls", List.of(Map.of("url", "https://shop.example/pricing", "rule", "simple"),
				Map.of("url", "/pricing/enterprise", "rule", "contain", "allowed", false)));
		body.put("custom_js", "window.seen = true;");
		body.put("custom_css", "body{margin:0}");
		body.put("control", Map.of("customCSS", ".cta{color:blue}"));
		body.put("variants", List.of(Map.of("nickname", "Red CTA", "customCSS", ".cta{background:red}", "data",
				List.of(new TreeMap<>(Map.of("target", ".cta", "innerText", "Start now"))))));
		body.put("configuration", Map.of("traffic_allocation", 40.5, "weights", List.of(1, 3)));
		body.put("primary_goal",
				Map.of("goal_name", goal, "goal_key", goal, "goal_type", "clickOnElement", "goal_value", ".cta"));
		body.put("secondary_goals",
				List.of(Map.of("goal_name", scroll, "goal_key", scroll, "goal_type", "scrolling", "goal_value", 75)));
		body.put("status", 1);
		long testId = create(body);

		Response response = this.anonymous.get(project("/client-config"));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
		assertThat(response.header("ETag")).isEqualTo("\"" + sha256(response.body()).substring(0, 32) + "\"");
		JsonNode config = response.json();
		assertThat(fieldNames(config)).containsExactly("success", "project_key", "consent_required", "experiments",
				"exclusion_groups");
		assertThat(config.get("success").asBoolean()).isTrue();
		assertThat(config.get("project_key").asString()).isEqualTo(PROJECT_KEY);
		assertThat(config.get("consent_required").asBoolean()).isFalse();
		assertThat(testIds(config)).isSorted();
		JsonNode experiment = experiment(config, testId);
		assertThat(fieldNames(experiment)).containsExactly("test_id", "experiment_key", "status", "hash_seed",
				"hash_version", "traffic_allocation", "page_urls", "custom_js", "custom_css", "variants", "goals");
		assertThat(experiment.get("experiment_key").asString()).isEqualTo(Long.toString(testId));
		assertThat(experiment.get("status").asString()).isEqualTo("live");
		assertThat(experiment.get("hash_seed").asString()).isEqualTo(Long.toString(testId));
		assertThat(experiment.get("hash_version").asInt()).isEqualTo(2);
		assertThat(experiment.get("traffic_allocation").asDouble()).isEqualTo(40.5);
		assertThat(experiment.get("page_urls").toString())
			.isEqualTo("[{\"url\":\"https://shop.example/pricing\",\"rule\":\"simple\",\"allowed\":true},"
					+ "{\"url\":\"/pricing/enterprise\",\"rule\":\"contain\",\"allowed\":false}]");
		assertThat(experiment.get("custom_js").asString()).isEqualTo("window.seen = true;");
		assertThat(experiment.get("custom_css").asString()).isEqualTo("body{margin:0}");
		assertThat(experiment.get("variants").toString()).isEqualTo("[{\"variant_id\":\"0\",\"name\":\"Control\","
				+ "\"nickname\":null,\"weight\":1,\"css\":\".cta{color:blue}\",\"js\":\"\",\"data\":[]},"
				+ "{\"variant_id\":\"1\",\"name\":\"Variant 1\",\"nickname\":\"Red CTA\",\"weight\":3,"
				+ "\"css\":\".cta{background:red}\",\"js\":\"\","
				+ "\"data\":[{\"innerText\":\"Start now\",\"target\":\".cta\"}]}]");
		assertThat(experiment.get("goals").toString()).isEqualTo("[{\"goal_key\":\"" + goal
				+ "\",\"goal_type\":\"clickOnElement\",\"goal_value\":\".cta\"},{\"goal_key\":\"" + scroll
				+ "\",\"goal_type\":\"scrolling\",\"goal_value\":\"75\"}]");
	}

	@Test
	void clientConfigWhenOnlyUrlIsGivenWritesItAsOneSimpleRule() {
		long testId = create(minimal(1));
		JsonNode experiment = experiment(this.anonymous.get(project("/client-config")).json(), testId);
		assertThat(experiment.get("page_urls").toString())
			.isEqualTo("[{\"url\":\"https://example.com/landing\",\"rule\":\"simple\",\"allowed\":true}]");
		assertThat(experiment.get("traffic_allocation").toString()).isEqualTo("100");
		assertThat(experiment.get("goals").toString()).isEqualTo("[]");
	}

	@Test
	void clientConfigListsDraftsAndInactiveExperimentsOnlyAsPreview() {
		long draft = create(minimal(9));
		long inactive = create(minimal(0));
		assertThat(testIds(this.anonymous.get(project("/client-config")).json())).doesNotContain(draft, inactive);

		JsonNode preview = this.anonymous.get(project("/client-config?preview=" + draft)).json();
		assertThat(experiment(preview, draft).get("status").asString()).isEqualTo("draft");
		assertThat(testIds(preview)).isSorted().doesNotContain(inactive);
		JsonNode inactivePreview = this.anonymous.get(project("/client-config?preview=" + inactive)).json();
		assertThat(experiment(inactivePreview, inactive).get("status").asString()).isEqualTo("inactive");
	}

	@Test
	void clientConfigPreviewOfADeletedOrUnknownExperimentListsOnlyTheLiveOnes() {
		long deleted = create(minimal(9));
		assertThat(this.api.delete(project("/experiment/" + deleted)).status()).isEqualTo(200);
		String live = this.anonymous.get(project("/client-config")).body();
		assertThat(this.anonymous.get(project("/client-config?preview=" + deleted)).body()).isEqualTo(live);
		assertThat(this.anonymous.get(project("/client-config?preview=999999999")).body()).isEqualTo(live);
	}

	@Test
	void clientConfigWhenTagIsCurrentReturns304AndWhenConfigurationChangesANewTag() {
		Response first = this.anonymous.get(project("/client-config"));
		Response again = this.anonymous.get(project("/client-config"));
		assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
		assertThat(again.body()).isEqualTo(first.body());

		Response notModified = conditional(first.header("ETag"));
		assertThat(notModified.status()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		assertThat(notModified.header("ETag")).isEqualTo(first.header("ETag"));
		assertThat(notModified.header("Cache-Control")).isEqualTo("no-cache");
		assertThat(notModified.header("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(conditional("\"other\", " + first.header("ETag")).status()).isEqualTo(304);

		long started = create(minimal(1));
		Response changed = conditional(first.header("ETag"));
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.header("ETag")).isNotEqualTo(first.header("ETag"));
		assertThat(testIds(changed.json())).contains(started);
	}

	@Test
	void clientConfigDropsAnExperimentPausedThroughThisNodeAtOnce() {
		long live = create(minimal(1));
		assertThat(testIds(this.anonymous.get(project("/client-config")).json())).contains(live);
		Response paused = this.api.patch(project("/experiment/" + live + "/status"), Map.of("status", 0));
		assertThat(paused.status()).as(paused.body()).isEqualTo(200);
		assertThat(testIds(this.anonymous.get(project("/client-config")).json())).doesNotContain(live);
	}

	@Test
	void clientConfigSeesAChangeMadeThroughAnotherNodeWithinASecond() throws InterruptedException {
		long live = create(minimal(1));
		assertThat(testIds(this.anonymous.get(project("/client-config")).json())).contains(live);
		// Another node's change reaches this one only through the database.
		this.jdbc.sql("UPDATE experiments SET status = 0 WHERE id = :id").param("id", live).update();
		long deadline = System.nanoTime() + ClientConfigs.FRESHNESS.multipliedBy(5).toNanos();
		while (testIds(this.anonymous.get(project("/client-config")).json()).contains(live)
				&& System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(testIds(this.anonymous.get(project("/client-config")).json())).doesNotContain(live);
	}

	@Test
	void clientConfigWhenIfNoneMatchIsGarbageReturns200() {
		for (String garbage : new String[] { "garbage", "\"", "W/", ",,,", "\"\"", "x".repeat(4000) }) {
			Response response = conditional(garbage);
			assertThat(response.status()).as(garbage).isEqualTo(200);
			assertThat(response.json().get("success").asBoolean()).isTrue();
		}
	}

	@Test
	void clientConfigWhenPreviewIsNotAPositiveIntegerReturns400() {
		for (String preview : new String[] { "abc", "0", "-1", "", "1.5", "1e3", "99999999999999999999", "%20",
				"1&preview=2" }) {
			Response response = this.anonymous.get(project("/client-config?preview=" + preview));
			assertThat(response.status()).as(preview).isEqualTo(400);
			assertThat(response.json().get("success").asBoolean()).isFalse();
			assertThat(response.json().get("error").asString()).contains("'preview' must be a positive integer");
		}
	}

	@Test
	void clientConfigWhenProjectIsUnknownReturns404() {
		for (String key : new String[] { "UnknownProjectKey00001", "short", "x".repeat(300), "%C3%A9" }) {
			Response response = this.anonymous.get("/v2/project/" + key + "/client-config");
			assertThat(response.status()).as(key).isEqualTo(404);
			assertThat(response.body()).isEqualTo("{\"success\":false,\"error\":\"Project not found\"}");
		}
	}

	@Test
	void clientConfigAnswersAnyOriginAndExposesTheTag() {
		Response response = this.anonymous.sendWithHeaders("GET", project("/client-config"), Map.of("Origin", ORIGIN),
				null);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(response.header("Access-Control-Expose-Headers")).containsIgnoringCase("ETag");
	}

	@Test
	void clientConfigPreflightAllowsIfNoneMatchWith204() {
		Response response = this.anonymous.sendWithHeaders("OPTIONS", project("/client-config"), Map.of("Origin",
				ORIGIN, "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "if-none-match"),
				null);
		assertThat(response.status()).isEqualTo(204);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(response.header("Access-Control-Allow-Methods")).isEqualTo("GET,POST,OPTIONS");
		assertThat(response.header("Access-Control-Allow-Headers")).containsIgnoringCase("If-None-Match");
		assertThat(response.header("Access-Control-Max-Age")).isEqualTo("86400");
	}

	@Test
	void clientConfigShowsTheProjectsConsentSetting() {
		try {
			Response enabled = this.api.patch(project(""), Map.of("consent_required", 1));
			assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
			assertThat(enabled.json().at("/project/consent_required").asInt()).isEqualTo(1);
			assertThat(this.anonymous.get(project("/client-config")).json().get("consent_required").asBoolean())
				.isTrue();
		}
		finally {
			assertThat(this.api.patch(project(""), Map.of("consent_required", 0)).status()).isEqualTo(200);
		}
		assertThat(this.anonymous.get(project("/client-config")).json().get("consent_required").asBoolean()).isFalse();
	}

	@Test
	void projectUpdateWhenConsentRequiredIsNotZeroOrOneReturns400() {
		for (Object value : new Object[] { 2, -1, "yes", true, 1.5, 1e20, 12345678901234L }) {
			Response response = this.api.patch(project(""), Map.of("consent_required", value));
			assertThat(response.status()).as(value + ": " + response.body()).isEqualTo(400);
			assertThat(response.json().get("success").asBoolean()).isFalse();
		}
		assertThat(this.api.get(project("")).json().at("/project/consent_required").asInt()).isZero();
	}

	private Response conditional(String ifNoneMatch) {
		return this.anonymous.sendWithHeaders("GET", project("/client-config"),
				Map.of("If-None-Match", ifNoneMatch, "Origin", ORIGIN), null);
	}

	private long create(Map<String, Object> body) {
		Response response = this.api.post(project("/create-experiment"), body);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("test_id").asLong();
	}

	private static Map<String, Object> minimal(int status) {
		return Map.of("test_name", unique("Config"), "url", "https://example.com/landing", "variants",
				List.of(Map.of("data", List.of())), "status", status);
	}

	private static JsonNode experiment(JsonNode config, long testId) {
		for (JsonNode experiment : config.get("experiments")) {
			if (experiment.get("test_id").asLong() == testId) {
				return experiment;
			}
		}
		throw new AssertionError("test " + testId + " is not in " + config);
	}

	private static List<Long> testIds(JsonNode config) {
		List<Long> ids = new ArrayList<>();
		config.get("experiments").forEach((experiment) -> ids.add(experiment.get("test_id").asLong()));
		return ids;
	}

	private static List<String> fieldNames(JsonNode node) {
		return new ArrayList<>(node.propertyNames());
	}

	private static String unique(String prefix) {
		return prefix + "-" + System.nanoTime();
	}

	private static String sha256(String body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
