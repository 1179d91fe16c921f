package dev.uplift.operations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
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

/**
 * Deleting a visitor against an oracle: a second project gets the same events but the
 * visitor's; after the deletion both give the same results over every window asked.
 */
class VisitorDeletionTests extends IntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<String> WINDOWS = List.of("", "?start_date=2025-04-02&end_date=2025-04-02",
			"?end_date=2025-04-02", "?start_date=2025-04-03");

	@Autowired
	private JdbcClient jdbc;

	@Test
	void deletedVisitorLeavesResultsExactlyAsWithoutTheirEvents() {
		String oracleKey = this.api.post(project("/projects"), Map.of("name", "Deletion oracle"))
			.json()
			.get("project")
			.get("project_key")
			.asString();
		String oracle = "/v2/project/" + oracleKey;
		long[] tests = { Experiments.create(this.api, project(""), "Delete A", "delete-goal", 1),
				Experiments.create(this.api, project(""), "Delete B", "second-goal", 1) };
		long[] oracleTests = { Experiments.create(this.api, oracle, "Delete A", "delete-goal", 1),
				Experiments.create(this.api, oracle, "Delete B", "second-goal", 1) };

		String deleted = "gone \"é\" user";
		List<String> visitors = List.of("stays-1", deleted, "stays-2", "stays-3");
		importEvents(project(""), tests, visitors, (visitor) -> true);
		importEvents(oracle, oracleTests, visitors, (visitor) -> !visitor.equals(deleted));

		Response answer = this.api.post(project("/delete-visitor"), Map.of("visitor_id", deleted));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("experiments").asInt()).isEqualTo(2);
		assertThat(answer.json().get("conversions").asInt()).isEqualTo(2);
		assertThat(answer.json().get("events").asInt()).isEqualTo(6);

		for (int i = 0; i < tests.length; i++) {
			for (String window : WINDOWS) {
				assertThat(ResultCounts.of(this.api, project(""), tests[i], window)).as(tests[i] + window)
					.isEqualTo(ResultCounts.of(this.api, oracle, oracleTests[i], window));
			}
		}
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM assignments WHERE visitor_id = ?")
			.param(deleted)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM conversions WHERE visitor_id = ?")
			.param(deleted)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.api.get(project("/export")).body()).doesNotContain("gone ");
		// Deleting again finds nothing and changes nothing.
		assertThat(
				this.api.post(project("/delete-visitor"), Map.of("visitor_id", deleted)).json().get("events").asInt())
			.isZero();
	}

	@Test
	void aVisitorCountedInARollupCellOfSeveralShardsIsUncountedOnce() {
		long test = Experiments.create(this.api, project(""), "Shards", "shard-goal", 1);
		long entered = Instant.parse("2025-04-01T12:00:00Z").toEpochMilli();
		String lines = Stream.of("shard-1", "shard-2")
			.map((visitor) -> json
				.writeValueAsString(Events.at(Events.exposure(visitor + "-" + test, visitor, test, 0), entered)))
			.collect(Collectors.joining("\n"));
		assertThat(this.api.send("POST", project("/import"), "application/x-ndjson", lines).status()).isEqualTo(200);
		// The cell's 2 visitors split over two shards, as two PostgreSQL writers leave
		// it.
		this.jdbc.sql("UPDATE entry_rollup SET visitors = 1 WHERE test_id = ? AND variant = 0").param(test).update();
		this.jdbc.sql("""
				INSERT INTO entry_rollup (test_id, variant, entered_day, shard, visitors)
				SELECT test_id, variant, entered_day, 7, visitors FROM entry_rollup WHERE test_id = ? AND variant = 0
				""").param(test).update();
		assertThat(controlVisitors(test)).isEqualTo(2);
		assertThat(this.api.post(project("/delete-visitor"), Map.of("visitor_id", "shard-1")).status()).isEqualTo(200);
		assertThat(controlVisitors(test)).isEqualTo(1);
	}

	private long controlVisitors(long test) {
		return this.api.get(project("/experiment/" + test + "/result")).json().at("/variants/0/visitors").asLong();
	}

	@Test
	void deleteVisitorWithoutAnIdIs400NamingTheField() {
		Response refused = this.api.post(project("/delete-visitor"), Map.of("visitor", "x"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("error").asString()).contains("visitor_id");
		assertThat(this.api.post(project("/delete-visitor"), Map.of("visitor_id", "x".repeat(129))).status())
			.isEqualTo(400);
	}

	/**
	 * Entries on two days into both experiments, conversions on both goals (one before
	 * entry, which never counts) and a revenue event, for each visitor the filter keeps.
	 */
	private void importEvents(String projectPath, long[] tests, List<String> visitors, Predicate<String> keep) {
		List<Map<String, Object>> events = new ArrayList<>();
		for (int v = 0; v < visitors.size(); v++) {
			String visitor = visitors.get(v);
			if (!keep.test(visitor)) {
				continue;
			}
			long entered = Instant.parse("2025-04-01T12:00:00Z").toEpochMilli() + v * 43_200_000L;
			events.add(Events.at(Events.exposure(visitor + "-a", visitor, tests[0], v % 2), entered));
			events.add(Events.at(Events.exposure(visitor + "-b", visitor, tests[1], (v + 1) % 2), entered + 1000));
			events.add(Events.at(Events.goal(visitor + "-g1", visitor, "delete-goal"), entered + 86_400_000L));
			events.add(Events.at(Events.goal(visitor + "-g2", visitor, "second-goal"), entered + 3_600_000L));
			events.add(Events.at(Events.goal(visitor + "-early", visitor, "second-goal"), entered - 1000));
			events.add(Events.at(Events.named(visitor + "-n", visitor, "purchase", 12.5), entered + 5000));
		}
		String lines = events.stream().map(json::writeValueAsString).collect(Collectors.joining("\n"));
		JsonNode imported = this.api.send("POST", projectPath + "/import", "application/x-ndjson", lines).json();
		assertThat(imported.get("rejected").asLong()).as(imported.toString()).isZero();
	}

}
