package dev.uplift.project;

import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;
import dev.uplift.support.Organizations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Actuator's metrics are the operator's; health answers anyone. */
class MetricsAccessTests extends IntegrationTest {

	@Autowired
	private ApiKeyService keys;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void metricsWithoutKeyReturns401WithErrorBody() {
		for (String path : new String[] { "/actuator/metrics", "/actuator/metrics/jvm.memory.used",
				"/actuator/metrics/disk.free" }) {
			Response response = this.anonymous.get(path);
			assertThat(response.status()).as(path).isEqualTo(401);
			assertThat(response.json().get("error").asString()).as(path).startsWith("Metrics need an API key");
		}
	}

	@Test
	void metricsWithAWrongKeyReturns401() {
		assertThat(this.api.withKey("not-a-key-0123456789abcdefghijklmnop").get("/actuator/metrics").status())
			.isEqualTo(401);
	}

	@Test
	void metricsWithAnOperatorKeyReturns200() {
		Response response = this.api.get("/actuator/metrics/jvm.memory.used");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("name").asString()).isEqualTo("jvm.memory.used");
		Map<String, String> header = Map.of("x-api-key", API_KEY);
		assertThat(this.anonymous.sendWithHeaders("GET", "/actuator/metrics", header, null).status()).isEqualTo(200);
	}

	@Test
	void metricsWithAKeyOfAnotherOrganizationReturns401() {
		long other = Organizations.insert(this.jdbc, "Tenant");
		String tenantKey = this.keys.create(other, "tenant", null).key();
		assertThat(this.api.withKey(tenantKey).get("/actuator/metrics").status()).isEqualTo(401);
	}

	@Test
	void healthAnswersWithoutKey() {
		Response response = this.anonymous.get("/actuator/health");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("status").asString()).isEqualTo("UP");
	}

}
