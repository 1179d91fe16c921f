package dev.uplift.tracking;

import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The visitor's country comes from a trusted proxy's header when one is configured, and
 * only when it is valid.
 */
@TestPropertySource(properties = "uplift.tracking.country-header=CF-IPCountry")
class CountryHeaderTests extends IntegrationTest {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void collectWithTheTrustedHeaderStoresItsCountryOverTheClientsOwn() {
		long testId = Experiments.create(this.api, project(""), "Country", "country-goal-" + System.nanoTime(), 1);
		Map<String, Object> exposure = Events.exposure("country-1", "country-visitor", testId, 0);
		exposure.put("attributes", Map.of("country", "US"));
		Map<String, Object> other = Events.exposure("country-2", "other-visitor", testId, 1);
		assertThat(collect(Map.of("events", List.of(exposure)), "de").status()).isEqualTo(202);
		assertThat(collect(Map.of("events", List.of(other)), "not a country").status()).isEqualTo(202);
		assertThat(country(testId, "country-visitor")).isEqualTo("DE");
		assertThat(country(testId, "other-visitor")).isEmpty();
	}

	private Response collect(Map<String, Object> body, String country) {
		return this.anonymous.sendWithHeaders("POST", project("/collect"),
				Map.of("Content-Type", "application/json", "CF-IPCountry", country),
				JsonMapper.builder().build().writeValueAsString(body));
	}

	private String country(long testId, String visitorId) {
		return this.jdbc.sql("SELECT COALESCE(country, '') FROM assignments WHERE test_id = ? AND visitor_id = ?")
			.params(testId, visitorId)
			.query(String.class)
			.single();
	}

}
