package dev.uplift.tracking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Targeting where the server decides it: the SDK query's country and new-or-returning
 * rules, and the client-config body that names the visitor's country, one body and ETag
 * per country.
 */
// The same headers as LocationHeaderTests: one Spring context for both.
@TestPropertySource(properties = { "uplift.tracking.country-header=CF-IPCountry",
		"uplift.tracking.region-header=CF-Region", "uplift.tracking.city-header=CF-IPCity" })
class TargetingTests extends IntegrationTest {

	private static final AtomicInteger sequence = new AtomicInteger();

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private JdbcClient jdbc;

	private final List<String> created = new ArrayList<>();

	@Test
	void queryWhenCountryNotWhitelistedReturnsNullAndRecordsNothing() {
		String key = live(Map.of("allowed_country", List.of(Map.of("code", "DE", "rule", "whitelist"))));
		assertThat(query(key, "de-visitor", "DE")).isEqualTo("Variant 1");
		assertThat(query(key, "us-visitor", "US")).isNull();
		assertThat(query(key, "unknown-visitor", null)).as("an unknown country is not on a whitelist").isNull();
		assertThat(entered(key)).containsExactly("de-visitor");
		assertThat(query(key, "de-visitor", "US")).as("an entered visitor keeps their arm abroad")
			.isEqualTo("Variant 1");
	}

	@Test
	void queryWhenCountryBlacklistedReturnsNull() {
		String key = live(Map.of("allowed_country", List.of(Map.of("code", "FR", "rule", "blacklist"))));
		assertThat(query(key, "fr-visitor", "fr")).isNull();
		assertThat(query(key, "es-visitor", "ES")).isEqualTo("Variant 1");
		assertThat(query(key, "nowhere-visitor", null)).isEqualTo("Variant 1");
	}

	@Test
	void queryWithUserRuleNewTakesVisitorsFirstSeenWithinHalfAnHour() {
		String other = live(Map.of());
		String newOnly = live(Map.of("user_rule", "new"));
		String returningOnly = live(Map.of("user_rule", "returning"));
		String veteran = "veteran-" + newOnly;
		String recent = "recent-" + newOnly;
		String firstTime = "first-time-" + newOnly;
		assertThat(query(other, veteran, null)).isEqualTo("Variant 1");
		assertThat(query(other, recent, null)).isEqualTo("Variant 1");
		this.jdbc.sql("UPDATE assignments SET entered_at = entered_at - 3600000 WHERE visitor_id = ?")
			.param(veteran)
			.update();

		assertThat(query(newOnly, firstTime, null)).as("never seen").isEqualTo("Variant 1");
		assertThat(query(newOnly, recent, null)).as("first seen minutes ago").isEqualTo("Variant 1");
		assertThat(query(newOnly, veteran, null)).as("first seen an hour ago").isNull();
		assertThat(query(returningOnly, "never-seen", null)).isNull();
		assertThat(query(returningOnly, veteran, null)).isEqualTo("Variant 1");
		assertThat(entered(newOnly)).containsExactlyInAnyOrder(firstTime, recent);
	}

	@Test
	void clientConfigWithACountryRuleNamesTheCountryWithAnETagPerCountry() {
		String key = live(Map.of("allowed_country", List.of(Map.of("code", "DE", "rule", "whitelist")), "device_rule",
				List.of("mobile")));
		Response german = clientConfig("DE", null);
		Response american = clientConfig("US", null);
		assertThat(german.json().get("country").asString()).isEqualTo("DE");
		assertThat(american.json().get("country").asString()).isEqualTo("US");
		assertThat(clientConfig("not a country", null).json().get("country").isNull()).isTrue();
		assertThat(german.header("ETag")).isNotEqualTo(american.header("ETag"));
		assertThat(german.headers()
			.entrySet()
			.stream()
			.filter((header) -> header.getKey().equalsIgnoreCase("Vary"))
			.flatMap((header) -> header.getValue().stream())).anyMatch((vary) -> vary.contains("CF-IPCountry"));
		assertThat(clientConfig("DE", german.header("ETag")).status()).isEqualTo(304);
		assertThat(clientConfig("US", german.header("ETag")).status()).isEqualTo(200);
		JsonNode experiment = experiment(german.json(), key);
		assertThat(experiment.get("targeting").toString())
			.isEqualTo("{\"allowed_country\":[{\"code\":\"DE\",\"rule\":\"whitelist\"}],\"device_rule\":[\"mobile\"]}");
		stopAll();
		assertThat(clientConfig("DE", null).json().has("country")).isFalse();
		assertThat(clientConfig("DE", null).body()).isEqualTo(clientConfig("US", null).body());
	}

	// The project is shared: the other tests' client-config must stay the same for every
	// country.
	@AfterEach
	void stopAll() {
		this.created.forEach(this::stop);
		this.created.clear();
	}

	private String live(Map<String, Object> targeting) {
		String key = "targeted-" + sequence.incrementAndGet() + "-" + System.nanoTime() % 1_000_000;
		Response created = this.api.post(project("/create-experiment"),
				Map.of("test_name", key, "experiment_key", key, "status", 1, "url", "https://shop.example/", "variants",
						List.of(Map.of("name", "B")), "configuration", Map.of("weights", List.of(0, 1)), "targeting",
						targeting));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		this.created.add(key);
		return key;
	}

	private void stop(String key) {
		long testId = testId(key);
		assertThat(this.api.patch(project("/experiment/" + testId + "/status"), Map.of("status", 0)).status())
			.isEqualTo(200);
	}

	private long testId(String key) {
		return this.jdbc.sql("SELECT id FROM experiments WHERE experiment_key = ?")
			.param(key)
			.query(Long.class)
			.single();
	}

	private String query(String key, String visitorId, String country) {
		Map<String, String> headers = (country != null)
				? Map.of("Content-Type", "application/json", "CF-IPCountry", country)
				: Map.of("Content-Type", "application/json");
		Response response = this.anonymous.sendWithHeaders("POST", "/experiment/query", headers,
				json.writeValueAsString(Map.of("key", PROJECT_KEY, "experiment_key", key, "distinct_id", visitorId)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode version = response.json().get("version");
		return version.isNull() ? null : version.asString();
	}

	private List<String> entered(String key) {
		return this.jdbc.sql("SELECT visitor_id FROM assignments WHERE test_id = ?")
			.param(testId(key))
			.query(String.class)
			.list();
	}

	private Response clientConfig(String country, String ifNoneMatch) {
		Map<String, String> headers = new HashMap<>(Map.of("CF-IPCountry", country));
		if (ifNoneMatch != null) {
			headers.put("If-None-Match", ifNoneMatch);
		}
		return this.anonymous.sendWithHeaders("GET", project("/client-config"), headers, null);
	}

	private JsonNode experiment(JsonNode config, String key) {
		for (JsonNode experiment : config.get("experiments")) {
			if (experiment.get("experiment_key").asString().equals(key)) {
				return experiment;
			}
		}
		throw new AssertionError("no experiment " + key + " in " + config);
	}

}
