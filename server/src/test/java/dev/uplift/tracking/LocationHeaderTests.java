package dev.uplift.tracking;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import dev.uplift.support.RawHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The visitor's country, region and city come from a trusted proxy's headers when they
 * are configured, and only when valid; results break down by region and city, visitors
 * without one under {@code unknown}.
 */
@TestPropertySource(properties = { "uplift.tracking.country-header=CF-IPCountry",
		"uplift.tracking.region-header=CF-Region", "uplift.tracking.city-header=CF-IPCity" })
class LocationHeaderTests extends IntegrationTest {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void collectWithTheTrustedHeaderStoresItsCountryOverTheClientsOwn() {
		long testId = Experiments.create(this.api, project(""), "Country", "country-goal-" + System.nanoTime(), 1);
		Map<String, Object> exposure = Events.exposure("country-1", "country-visitor", testId, 0);
		exposure.put("attributes", Map.of("country", "US"));
		Map<String, Object> other = Events.exposure("country-2", "other-visitor", testId, 1);
		assertThat(collect(Map.of("events", List.of(exposure)), Map.of("CF-IPCountry", "de")).status()).isEqualTo(202);
		assertThat(collect(Map.of("events", List.of(other)), Map.of("CF-IPCountry", "not a country")).status())
			.isEqualTo(202);
		assertThat(stored(testId, "country-visitor", "country")).isEqualTo("DE");
		assertThat(stored(testId, "other-visitor", "country")).isEmpty();
	}

	@Test
	void collectWithRegionAndCityHeadersStoresThemOverTheClientsOwnAndIgnoresInvalidOnes() {
		long testId = Experiments.create(this.api, project(""), "Place", "place-goal-" + System.nanoTime(), 1);
		Map<String, Object> exposure = Events.exposure("place-1", "place-visitor", testId, 0);
		exposure.put("attributes", Map.of("region", "Texas", "city", "Austin"));
		// Proxies send names in UTF-8 bytes, which the servlet container reads as
		// ISO-8859-1; the raw request writes each char of this text as one byte.
		String munich = new String("München".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
		String headers = "Content-Type: application/json\r\nCF-Region:  Bavaria \r\nCF-IPCity: " + munich + "\r\n";
		assertThat(RawHttp
			.send(port(), "POST", project("/collect"), headers,
					JsonMapper.builder().build().writeValueAsString(Map.of("events", List.of(exposure))))
			.status()).isEqualTo(202);
		assertThat(stored(testId, "place-visitor", "region")).isEqualTo("Bavaria");
		assertThat(stored(testId, "place-visitor", "city")).isEqualTo("München");
		Map<String, Object> own = Events.exposure("place-2", "own-visitor", testId, 1);
		own.put("attributes", Map.of("region", "Texas", "city", "Austin"));
		assertThat(
				collect(Map.of("events", List.of(own)), Map.of("CF-Region", "", "CF-IPCity", "x".repeat(101))).status())
			.isEqualTo(202);
		assertThat(stored(testId, "own-visitor", "region")).isEqualTo("Texas");
		assertThat(stored(testId, "own-visitor", "city")).isEqualTo("Austin");
	}

	@Test
	void collectRefusesARegionOrCityAttributeBeyondItsLimits() {
		long testId = Experiments.create(this.api, project(""), "Long", "long-goal-" + System.nanoTime(), 1);
		Map<String, Object> exposure = Events.exposure("long-1", "long-visitor", testId, 0);
		exposure.put("attributes", Map.of("city", "x".repeat(101)));
		Map<String, Object> control = Events.exposure("long-2", "control-visitor", testId, 0);
		control.put("attributes", Map.of("region", "a\u0007b"));
		Response response = collect(Map.of("events", List.of(exposure, control)), Map.of());
		assertThat(response.status()).isEqualTo(202);
		assertThat(response.body()).contains("'city' must have 1 to 100 characters")
			.contains("'region' must not contain control characters");
	}

	@Test
	void resultBrokenDownByRegionAndCityListsEveryPlaceAndUnknown() {
		String goalKey = "places-" + System.nanoTime();
		long testId = Experiments.create(this.api, project(""), "Places " + goalKey, goalKey, 1);
		send(testId, goalKey, "ca", Map.of("CF-Region", "California", "CF-IPCity", "San Francisco"), 30, 3);
		send(testId, goalKey, "by", Map.of("CF-Region", "Bavaria", "CF-IPCity", "Munich"), 20, 2);
		send(testId, goalKey, "none", Map.of(), 10, 1);

		JsonNode byRegion = result(testId, "region");
		assertThat(byRegion.get("breakdown_by").asString()).isEqualTo("region");
		assertThat(segments(byRegion)).containsExactly("California=60/6", "Bavaria=40/4", "unknown=20/2");
		JsonNode byCity = result(testId, "city");
		assertThat(segments(byCity)).containsExactly("San Francisco=60/6", "Munich=40/4", "unknown=20/2");
	}

	/**
	 * Per arm, {@code perArm} visitors seen through the headers, {@code converters}
	 * converting.
	 */
	private void send(long testId, String goalKey, String prefix, Map<String, String> headers, int perArm,
			int converters) {
		List<Map<String, Object>> events = new ArrayList<>();
		for (int variant = 0; variant < 2; variant++) {
			for (int i = 0; i < perArm; i++) {
				String visitor = prefix + "-" + variant + "-" + i;
				events.add(Events.exposure(visitor + "-x", visitor, testId, variant));
				if (i < converters) {
					events.add(Events.goal(visitor + "-g", visitor, goalKey));
				}
			}
		}
		assertThat(collect(Map.of("events", events), headers).status()).isEqualTo(202);
	}

	private JsonNode result(long testId, String breakdown) {
		Response response = this.api.get(project("/experiment/" + testId + "/result?breakdown_by=" + breakdown));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static List<String> segments(JsonNode result) {
		List<String> segments = new ArrayList<>();
		for (JsonNode segment : result.get("breakdowns")) {
			segments.add(segment.get("criteria").asString() + "=" + segment.get("total_visitors").asLong() + "/"
					+ segment.get("total_conversions").asLong());
		}
		return segments;
	}

	private Response collect(Map<String, Object> body, Map<String, String> location) {
		Map<String, String> headers = new HashMap<>(location);
		headers.put("Content-Type", "application/json");
		return this.anonymous.sendWithHeaders("POST", project("/collect"), headers,
				JsonMapper.builder().build().writeValueAsString(body));
	}

	private String stored(long testId, String visitorId, String column) {
		return this.jdbc
			.sql("SELECT COALESCE(" + column + ", '') FROM assignments WHERE test_id = ? AND visitor_id = ?")
			.params(testId, visitorId)
			.query(String.class)
			.single();
	}

}
