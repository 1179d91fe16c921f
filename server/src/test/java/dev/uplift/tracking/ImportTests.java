package dev.uplift.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class ImportTests extends IntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private JdbcClient jdbc;

	private static long at(String instant) {
		return Instant.parse(instant).toEpochMilli();
	}

	@Test
	void importHonoursClientTimesSoThatDateWindowsCountByEntryDay() {
		long testId = Experiments.create(this.api, project(""), "Windows", "windows-goal", 9);
		String lines = ndjson(Events.at(Events.exposure("w-1", "a", testId, 0), at("2025-03-01T10:00:00Z")),
				Events.at(Events.goal("w-2", "a", "windows-goal"), at("2025-03-03T10:00:00Z")),
				Events.at(Events.exposure("w-3", "b", testId, 1), at("2025-03-02T23:59:59.999Z")),
				Events.at(Events.goal("w-4", "b", "windows-goal"), at("2025-03-02T23:59:59.999Z")),
				Events.at(Events.exposure("w-5", "c", testId, 1), at("2025-03-05T00:00:00Z")));
		Response imported = importLines(lines);
		assertThat(imported.status()).isEqualTo(200);
		assertThat(imported.json().get("accepted").asLong()).isEqualTo(5);

		assertCounts(testId, "", new long[][] { { 1, 1 }, { 2, 1 } });
		assertCounts(testId, "?start_date=2025-03-02&end_date=2025-03-02", new long[][] { { 0, 0 }, { 1, 1 } });
		// a entered on the 1st and converted on the 3rd: in a window ending the 2nd, a
		// visitor without conversion.
		assertCounts(testId, "?end_date=2025-03-02", new long[][] { { 1, 0 }, { 1, 1 } });
		assertCounts(testId, "?start_date=2025-03-03", new long[][] { { 0, 0 }, { 1, 0 } });
		assertCounts(testId, "?start_date=2025-03-01&end_date=2025-03-04", new long[][] { { 1, 1 }, { 1, 1 } });
	}

	@Test
	void importReportsEachBadLineByNumberAndStoresTheOthers() {
		long testId = Experiments.create(this.api, project(""), "Bad lines", "bad-lines-goal", 9);
		long future = System.currentTimeMillis() + 3_600_000;
		String lines = String.join("\n",
				json.writeValueAsString(Events.at(Events.exposure("bl-1", "a", testId, 0), at("2025-01-01T00:00:00Z"))),
				"{not json", json.writeValueAsString(Events.at(Events.exposure("bl-3", "b", testId, 0), future)),
				json.writeValueAsString(Events.at(Events.exposure("bl-4", "c", testId, 0), at("1999-12-31T23:59:59Z"))),
				"",
				json.writeValueAsString(
						Events.at(Events.exposure("bl-6", "d", 999_999, 0), at("2025-01-01T00:00:00Z"))),
				"{\"type\":\"goal\",\"visitor_id\":\"a\",\"goal_key\":\"bad-lines-goal\",\"ts\":\"yesterday\"}");
		Response imported = importLines(lines);
		assertThat(imported.status()).isEqualTo(200);
		JsonNode body = imported.json();
		assertThat(body.get("lines").asLong()).isEqualTo(7);
		assertThat(body.get("accepted").asLong()).isEqualTo(1);
		assertThat(body.get("rejected").asLong()).isEqualTo(5);
		assertThat(body.get("errors").findValues("line").stream().map(JsonNode::asInt).toList()).containsExactly(2, 3,
				4, 7, 6);
		assertThat(body.get("errors").get(0).get("error").asString()).startsWith("malformed JSON");
		assertThat(body.get("errors").get(1).get("error").asString()).contains("5 minutes ahead");
		assertThat(body.get("errors").get(2).get("error").asString()).contains("before 2000-01-01");
		assertThat(body.get("errors").get(3).get("error").asString()).contains("ISO 8601");
		assertThat(body.get("errors").get(4).get("error").asString()).contains("not an experiment of this project");
	}

	@Test
	void importWhenRetriedWithTheSameEventIdsCountsOnce() {
		long testId = Experiments.create(this.api, project(""), "Import retry", "import-retry-goal", 9);
		String lines = ndjson(Events.at(Events.exposure("ir-1", "a", testId, 1), at("2025-02-01T00:00:00Z")),
				Events.at(Events.goal("ir-2", "a", "import-retry-goal"), at("2025-02-01T00:01:00Z")));
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThat(importLines(lines).json().get("accepted").asLong()).isEqualTo(2);
		}
		assertCounts(testId, "", new long[][] { { 0, 0 }, { 1, 1 } });
	}

	@Test
	void importKeepsEachEventInTheLogAsItsLineWithoutSurroundingWhiteSpace() {
		long testId = Experiments.create(this.api, project(""), "Import text", "import-text-goal", 9);
		String line = "{\"ts\": \"2025-03-01T00:00:00Z\", \"type\": \"exposure\", \"event_id\": \"it-1\", "
				+ "\"visitor_id\": \"a\", \"test_id\": " + testId + ", \"variant_id\": \"1\"}";
		assertThat(importLines("  " + line + " \r\n").json().get("accepted").asLong()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT body FROM event_log WHERE event_id = 'it-1'").query(String.class).single())
			.isEqualTo(line);
	}

	@Test
	void importOfARefusedEventKeepsNothingOfItSoThatACorrectedRetryWithItsIdCounts() {
		long testId = Experiments.create(this.api, project(""), "Refused", "refused-goal", 9);
		Map<String, Object> wrongVariant = Events.at(Events.exposure("rf-1", "a", testId, 7),
				at("2025-05-01T00:00:00Z"));
		JsonNode refused = importLines(ndjson(wrongVariant)).json();
		assertThat(refused.get("rejected").asLong()).isEqualTo(1);
		assertThat(refused.get("errors").get(0).get("error").asString()).contains("is not a variant");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM event_log WHERE event_id = 'rf-1'").query(Long.class).single())
			.isZero();

		Map<String, Object> corrected = Events.at(Events.exposure("rf-1", "a", testId, 1), at("2025-05-01T00:00:00Z"));
		assertThat(importLines(ndjson(corrected)).json().get("accepted").asLong()).isEqualTo(1);
		assertCounts(testId, "", new long[][] { { 0, 0 }, { 1, 0 } });
	}

	@Test
	void importOfAnEarlierConversionInALaterRequestMovesTheConversionDay() {
		long testId = Experiments.create(this.api, project(""), "Earlier", "earlier-goal", 9);
		importLines(ndjson(Events.at(Events.exposure("ec-1", "a", testId, 0), at("2025-04-01T00:00:00Z")),
				Events.at(Events.goal("ec-2", "a", "earlier-goal"), at("2025-04-05T00:00:00Z"))));
		assertCounts(testId, "?end_date=2025-04-02", new long[][] { { 1, 0 }, { 0, 0 } });
		importLines(ndjson(Events.at(Events.goal("ec-3", "a", "earlier-goal"), at("2025-04-02T00:00:00Z"))));
		assertCounts(testId, "?end_date=2025-04-02", new long[][] { { 1, 1 }, { 0, 0 } });
		assertCounts(testId, "", new long[][] { { 1, 1 }, { 0, 0 } });
	}

	@Test
	void importWithoutApiKeyReturns401() {
		Response response = this.anonymous.send("POST", project("/import"), "application/x-ndjson", "{}");
		assertThat(response.status()).isEqualTo(401);
	}

	private void assertCounts(long testId, String query, long[][] expected) {
		Response response = this.api.get(project("/experiment/" + testId + "/result" + query));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode variants = response.json().get("variants");
		long[][] actual = new long[variants.size()][2];
		for (int i = 0; i < variants.size(); i++) {
			actual[i][0] = variants.get(i).get("visitors").asLong();
			actual[i][1] = variants.get(i).get("conversions").asLong();
		}
		assertThat(actual).as("counts for " + query).isDeepEqualTo(expected);
	}

	private Response importLines(String lines) {
		return this.api.send("POST", project("/import"), "application/x-ndjson", lines);
	}

	@SafeVarargs
	private static String ndjson(Map<String, Object>... events) {
		return List.of(events).stream().map(json::writeValueAsString).collect(Collectors.joining("\n"));
	}

}
