package dev.uplift.operations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export as a migration: a project's events exported and imported into another project
 * (its experiment's id put in) give the same results, whatever windows are asked.
 */
class ExportTests extends IntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<String> WINDOWS = List.of("", "?start_date=2025-03-02&end_date=2025-03-03",
			"?end_date=2025-03-02", "?start_date=2025-03-03");

	@Test
	void exportImportedIntoAnotherProjectReproducesEveryResult() {
		// A project of its own: the suite's tests share the bootstrap project.
		String origin = newProject("Export origin");
		long source = Experiments.create(this.api, origin, "Export", "export-goal", 1);
		List<Map<String, Object>> history = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String visitor = "ex-" + i;
			long entered = at("2025-03-01T08:00:00Z") + i * 7_200_000L;
			history.add(Events.at(Events.exposure("ex-e-" + i, visitor, source, i % 2), entered));
			if (i % 3 == 0) {
				history.add(Events.at(Events.goal("ex-g-" + i, visitor, "export-goal"), entered + 86_400_000L));
			}
			if (i % 5 == 0) {
				// Before the visitor's entry: never counts, in the source or the copy.
				history.add(Events.at(Events.goal("ex-early-" + i, visitor, "export-goal"), entered - 1));
			}
		}
		assertThat(this.api.send("POST", origin + "/import", "application/x-ndjson", ndjson(history)).status())
			.isEqualTo(200);
		// Live events without event_id: the export names them by the server's ids.
		List<Map<String, Object>> live = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Map<String, Object> exposure = new LinkedHashMap<>(
					Events.exposure("unused", "live-" + i, source, (i + 1) % 2));
			exposure.remove("event_id");
			live.add(exposure);
		}
		live.add(Events.goal("live-goal", "live-3", "export-goal"));
		assertThat(this.anonymous.post(origin + "/collect", Map.of("events", live)).status()).isEqualTo(202);

		Response exported = this.api.get(origin + "/export");
		assertThat(exported.status()).isEqualTo(200);
		assertThat(exported.header("Content-Type")).startsWith(ExportController.NDJSON);
		List<ObjectNode> lines = exported.body().lines().map((line) -> (ObjectNode) json.readTree(line)).toList();
		assertThat(lines).hasSize(history.size() + live.size());
		assertThat(lines).allSatisfy((line) -> {
			assertThat(line.get("ts").isNumber()).isTrue();
			assertThat(line.get("event_id").asString()).isNotBlank();
		});
		assertThat(lines.stream().map((line) -> line.get("ts").asLong()).toList()).isSorted();

		String copy = newProject("Export copy");
		long target = Experiments.create(this.api, copy, "Export", "export-goal", 1);
		String moved = lines.stream().map((line) -> {
			if (line.has("test_id")) {
				line.put("test_id", target);
			}
			return json.writeValueAsString(line);
		}).collect(Collectors.joining("\n"));
		JsonNode imported = this.api.send("POST", copy + "/import", "application/x-ndjson", moved).json();
		assertThat(imported.get("accepted").asLong()).isEqualTo(lines.size());

		for (String window : WINDOWS) {
			assertThat(ResultCounts.of(this.api, copy, target, window)).as(window)
				.isEqualTo(ResultCounts.of(this.api, origin, source, window));
		}
		assertThat(ResultCounts.of(this.api, origin, source, "")).isNotEqualTo("[]");
	}

	@Test
	void exportWithoutAnApiKeyIs401() {
		assertThat(this.anonymous.get(project("/export")).status()).isEqualTo(401);
	}

	private String newProject(String name) {
		return "/v2/project/" + this.api.post(project("/projects"), Map.of("name", name))
			.json()
			.get("project")
			.get("project_key")
			.asString();
	}

	private static String ndjson(List<Map<String, Object>> events) {
		return events.stream().map(json::writeValueAsString).collect(Collectors.joining("\n"));
	}

	private static long at(String instant) {
		return Instant.parse(instant).toEpochMilli();
	}

}
