package dev.uplift.operations;

import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Prometheus scrape is the operator's, as Actuator's metrics are. */
class PrometheusScrapeTests extends IntegrationTest {

	@Test
	void scrapeWithTheOperatorsKeyHasIngestionAndDatabaseMeters() {
		assertThat(this.anonymous.post(project("/collect"), Map.of("events", List.of())).status()).isIn(202, 400);
		Response scrape = this.api.get("/actuator/prometheus");
		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.header("Content-Type")).startsWith("text/plain");
		assertThat(scrape.body()).contains("uplift_ingestion_queue")
			.contains("uplift_ingestion_commits_seconds_count")
			.contains("hikaricp_connections_active{pool=\"uplift\"}")
			.contains("jvm_memory_used_bytes");
	}

	@Test
	void scrapeWithoutAKeyIs401() {
		Response refused = this.anonymous.get("/actuator/prometheus");
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.json().get("error").asString()).startsWith("Metrics need an API key");
	}

	@Test
	void healthStaysPublicAndUp() {
		Response health = this.anonymous.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
	}

}
