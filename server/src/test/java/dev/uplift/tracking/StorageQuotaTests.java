package dev.uplift.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.IntegrationTest;
import dev.uplift.support.Organizations;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-project storage quotas: a request that would take a project's event log past its
 * quota is refused whole with 409 naming the quota, and the usage the configuration
 * reports is the log's, exactly, through ingestion, refusals and deletions.
 */
class StorageQuotaTests extends IntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final long SERVER_QUOTA = 10L * 1024 * 1024 * 1024;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void collectWhenTheQuotaWouldBeExceededRefusesTheWholeRequestAndStoresNothingOfIt() {
		String base = newProject("Quota collect");
		assertThat(patch(base, "{\"storage_quota_bytes\": 1000}").status()).isEqualTo(200);

		List<Map<String, Object>> refused = null;
		Response refusal = null;
		List<List<Map<String, Object>>> stored = new ArrayList<>();
		for (int request = 0; request < 30 && refusal == null; request++) {
			List<Map<String, Object>> events = goals("qc-" + request, 3);
			Response answer = this.anonymous.post(base + "/collect", Map.of("events", events));
			if (answer.status() == 409) {
				refused = events;
				refusal = answer;
			}
			else {
				assertThat(answer.status()).as(answer.body()).isEqualTo(202);
				stored.add(events);
			}
		}

		assertThat(stored).isNotEmpty();
		assertThat(refusal).as("a request past the quota").isNotNull();
		assertThat(refusal.json().get("success").asBoolean()).isFalse();
		assertThat(refusal.json().get("error").asString()).contains("storage_quota_bytes").contains("1000");
		assertThat(logged(refused)).isZero();
		JsonNode usage = configuration(base);
		assertThat(usage.get("storage_quota_bytes").asLong()).isEqualTo(1000);
		assertThat(usage.get("stored_bytes").asLong()).isLessThanOrEqualTo(1000);
		assertThat(usage.get("stored_events").asLong()).isEqualTo(3L * stored.size());
		assertUsageIsTheLogs(base);

		// A retry of stored events stores nothing more: it is answered as before.
		Response retry = this.anonymous.post(base + "/collect", Map.of("events", stored.get(0)));
		assertThat(retry.status()).as(retry.body()).isEqualTo(202);
		assertThat(retry.json().get("accepted").asInt()).isEqualTo(3);

		assertThat(patch(base, "{\"storage_quota_bytes\": 1000000}").status()).isEqualTo(200);
		assertThat(this.anonymous.post(base + "/collect", Map.of("events", refused)).status()).isEqualTo(202);
		assertThat(logged(refused)).isEqualTo(3);
		assertUsageIsTheLogs(base);
	}

	@Test
	void importWhenTheQuotaWouldBeExceededIsRefusedWithWhatWasCommittedBefore() {
		String base = newProject("Quota import");
		assertThat(patch(base, "{\"storage_quota_bytes\": 2000}").status()).isEqualTo(200);
		List<Map<String, Object>> events = goals("qi", 100);
		long now = System.currentTimeMillis();
		String lines = events.stream()
			.map((event) -> json.writeValueAsString(Events.at(event, now)))
			.collect(Collectors.joining("\n"));

		Response answer = this.api.send("POST", base + "/import", "application/x-ndjson", lines);

		assertThat(answer.status()).as(answer.body()).isEqualTo(409);
		assertThat(answer.json().get("error").asString()).contains("storage_quota_bytes")
			.contains("0 events of this import were committed before");
		assertThat(logged(events)).isZero();
		assertThat(configuration(base).get("stored_events").asLong()).isZero();
		assertUsageIsTheLogs(base);
	}

	@Test
	void usageWhenEventsAreRefusedOrDeletedStaysTheLogs() {
		String base = newProject("Quota usage");
		long now = System.currentTimeMillis();
		List<String> lines = new ArrayList<>();
		for (Map<String, Object> event : goals("qu", 10)) {
			lines.add(json.writeValueAsString(Events.at(event, now)));
		}
		// Refused by the writer after it was logged: taken out of the usage again.
		lines.add(json.writeValueAsString(Events.at(Events.exposure("qu-bad", "qu-é0", 999_999_999L, 0), now)));
		Response imported = this.api.send("POST", base + "/import", "application/x-ndjson", String.join("\n", lines));
		assertThat(imported.json().get("accepted").asLong()).as(imported.body()).isEqualTo(10);
		assertThat(imported.json().get("rejected").asLong()).isEqualTo(1);
		assertThat(configuration(base).get("stored_events").asLong()).isEqualTo(10);
		assertUsageIsTheLogs(base);

		Response deleted = this.api.post(base + "/delete-visitor", Map.of("visitor_id", "qu-é0"));
		assertThat(deleted.json().get("events").asInt()).as(deleted.body()).isEqualTo(1);

		assertThat(configuration(base).get("stored_events").asLong()).isEqualTo(9);
		assertUsageIsTheLogs(base);
	}

	@Test
	void quotaWhenAboveTheServersNeedsTheOperatorAndNullRestoresTheServers() {
		String base = newProject("Quota owner");
		long organization = Organizations.insertWithProject(this.jdbc, "Quota tenant", "QuotaTenantProject0001");
		String tenantKey = "quota-tenant-key-0123456789abcdefghijklmno";
		Organizations.insertKey(this.jdbc, organization, tenantKey);
		String tenant = "/v2/project/QuotaTenantProject0001";

		assertThat(configuration(base).get("storage_quota_bytes").asLong()).isEqualTo(SERVER_QUOTA);
		Response none = this.api.withKey(tenantKey)
			.send("PATCH", tenant + "/configuration", "application/json", "{\"storage_quota_bytes\": 0}");
		assertThat(none.status()).as(none.body()).isEqualTo(401);
		assertThat(none.json().get("error").asString()).contains("storage_quota_bytes");
		Response lower = this.api.withKey(tenantKey)
			.send("PATCH", tenant + "/configuration", "application/json", "{\"storage_quota_bytes\": 5000}");
		assertThat(lower.status()).as(lower.body()).isEqualTo(200);
		assertThat(lower.json().at("/configuration/storage_quota_bytes").asLong()).isEqualTo(5000);

		assertThat(patch(base, "{\"storage_quota_bytes\": 0}").json().at("/configuration/storage_quota_bytes").asLong())
			.isZero();
		assertThat(
				patch(base, "{\"storage_quota_bytes\": null}").json().at("/configuration/storage_quota_bytes").asLong())
			.isEqualTo(SERVER_QUOTA);
	}

	@Test
	void quotaWhenNotAWholeNumberOfBytesReturns400NamingTheField() {
		String base = newProject("Quota input");
		for (String value : List.of("-1", "1.5", "\"1000\"", "true", "[]", "99999999999999999999")) {
			Response answer = patch(base, "{\"storage_quota_bytes\": " + value + "}");
			assertThat(answer.status()).as(value + ": " + answer.body()).isEqualTo(400);
			assertThat(answer.json().get("error").asString()).contains("storage_quota_bytes");
		}
	}

	private void assertUsageIsTheLogs(String base) {
		String projectKey = base.substring(base.lastIndexOf('/') + 1);
		Map<String, Object> log = this.jdbc.sql("""
				SELECT COUNT(*) AS events, COALESCE(SUM(octet_length(body)), 0) AS bytes
				FROM event_log WHERE project_id = (SELECT id FROM projects WHERE project_key = ?)
				""").param(projectKey).query().singleRow();
		JsonNode usage = configuration(base);
		assertThat(usage.get("stored_events").asLong()).isEqualTo(((Number) log.get("events")).longValue());
		assertThat(usage.get("stored_bytes").asLong()).isEqualTo(((Number) log.get("bytes")).longValue());
	}

	private long logged(List<Map<String, Object>> events) {
		List<String> ids = events.stream().map((event) -> (String) event.get("event_id")).toList();
		return this.jdbc.sql("SELECT COUNT(*) FROM event_log WHERE event_id IN (:ids)")
			.param("ids", ids)
			.query(Long.class)
			.single();
	}

	/** Goal conversions of visitors that entered nothing: stored in the log only. */
	private static List<Map<String, Object>> goals(String prefix, int count) {
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			// Accented visitor ids: the quota counts bytes, not characters.
			events.add(Events.goal(prefix + "-" + i, prefix + "-é" + i, "quota-goal"));
		}
		return events;
	}

	private JsonNode configuration(String base) {
		Response response = this.api.get(base + "/configuration");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("configuration");
	}

	private Response patch(String base, String body) {
		return this.api.send("PATCH", base + "/configuration", "application/json", body);
	}

	private String newProject(String name) {
		Response created = this.api.post(project("/projects"), Map.of("name", name, "time_zone", "UTC"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return "/v2/project/" + created.json().at("/project/project_key").asString();
	}

}
