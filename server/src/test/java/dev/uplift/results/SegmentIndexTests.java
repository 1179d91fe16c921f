package dev.uplift.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.uplift.experiment.ExperimentService;
import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import dev.uplift.support.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The segment index is used only when it holds every committed write. On SQLite, writes
 * it was not told of make it step aside until it has rebuilt from the rows; on PostgreSQL
 * it reads every node's writes by their transaction ids before it answers.
 */
class SegmentIndexTests extends IntegrationTest {

	private static final ZoneId UTC = ZoneOffset.UTC;

	private static final EntryWindow ALL = EntryWindow.of(null, null, UTC);

	private static final SegmentQuery BY_DEVICE = SegmentQuery.parse(null, null, "device", null, null);

	/**
	 * An entry as another node's writer stores it on PostgreSQL: marked with its
	 * transaction's id.
	 */
	private static final String OTHER_NODES_ENTRY = """
			INSERT INTO assignments (test_id, visitor_id, project_id, ordinal, variant, entered_at, entered_day,
			                         device, changed_xid)
			VALUES (?, ?, ?, ?, 1, 1700000000000, 19675, ?, pg_current_xact_id()::text::bigint)
			""";

	@Autowired
	private SegmentIndex index;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private ExperimentService experiments;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void onPostgresqlAnotherNodesWritesAreCaughtUpByTheirTransactionIds() throws InterruptedException {
		Assumptions.assumeTrue(TestDatabase.postgresql(), "PostgreSQL only");
		ExperimentSnapshot experiment = indexedExperiment();
		long testId = experiment.testId();
		long goalId = this.jdbc.sql("SELECT goal_id FROM experiment_goals WHERE test_id = ?")
			.param(testId)
			.query(Long.class)
			.single();

		// Another node's writer: rows marked with its transaction's id, and nothing said
		// to this node. The next query reads them: no rebuild, no wait.
		this.jdbc.sql(OTHER_NODES_ENTRY)
			.params(testId, "other-node", experiment.projectId(), 100_000, "tablet")
			.update();
		this.jdbc.sql("""
				INSERT INTO conversions (test_id, goal_id, visitor_id, variant, entered_day, first_converted_at,
				                         converted_day, count, changed_xid)
				VALUES (?, ?, 'other-node', 1, 19675, 1700000100000, 19675, 1, pg_current_xact_id()::text::bigint)
				""").params(testId, goalId).update();
		SegmentCounts caughtUp = this.index.count(experiment, goalId, ALL, UTC, BY_DEVICE).orElseThrow();
		assertThat(devices(caughtUp)).isEqualTo(Map.of("mobile", 10L, "tablet", 1L));
		assertThat(caughtUp.countedSegments().get("tablet").tallies()).contains(new VariantTally(1, 1, 1));

		// A deletion moves the project's write_seq: the index steps aside, then rebuilds.
		this.jdbc.sql("UPDATE projects SET write_seq = write_seq + 1 WHERE id = ?")
			.param(experiment.projectId())
			.update();
		this.jdbc.sql("DELETE FROM conversions WHERE test_id = ? AND visitor_id = 'other-node'").param(testId).update();
		this.jdbc.sql("DELETE FROM assignments WHERE test_id = ? AND visitor_id = 'other-node'").param(testId).update();
		assertThat(this.index.count(experiment, goalId, ALL, UTC, BY_DEVICE)).isEmpty();
		assertThat(devices(this.index.countWhenCurrent(experiment, goalId, ALL, UTC, BY_DEVICE, 60_000).orElseThrow()))
			.isEqualTo(Map.of("mobile", 10L));
	}

	@Test
	void indexWhenAnotherNodeWroteStepsAsideThenRebuildsExactly() throws InterruptedException {
		Assumptions.assumeFalse(TestDatabase.postgresql(), "SQLite's index is kept by notifications");
		ExperimentSnapshot experiment = indexedExperiment();
		long testId = experiment.testId();

		// Kept by the writer's notifications.
		collect(testId, "b-" + testId, 5, "desktop");
		assertThat(devices(this.index.countWhenCurrent(experiment, null, ALL, UTC, BY_DEVICE, 60_000).orElseThrow()))
			.isEqualTo(Map.of("mobile", 10L, "desktop", 5L));

		// A node the index does not hear from: an entry and its project's write_seq.
		this.jdbc.sql("UPDATE projects SET write_seq = write_seq + 1 WHERE id = ?")
			.param(experiment.projectId())
			.update();
		this.jdbc
			.sql("""
					INSERT INTO assignments (test_id, visitor_id, project_id, ordinal, variant, entered_at, entered_day, device)
					VALUES (?, 'other-node', ?, 15, 0, 1700000000000, 19675, 'tablet')
					""")
			.params(testId, experiment.projectId())
			.update();
		this.jdbc.sql("UPDATE experiments SET next_ordinal = 16 WHERE id = ?").param(testId).update();
		assertThat(this.index.count(experiment, null, ALL, UTC, BY_DEVICE)).isEmpty();
		assertThat(devices(this.index.countWhenCurrent(experiment, null, ALL, UTC, BY_DEVICE, 60_000).orElseThrow()))
			.isEqualTo(Map.of("mobile", 10L, "desktop", 5L, "tablet", 1L));
	}

	@Test
	void onPostgresqlATransactionCommittedAfterALaterOneIsStillRead() throws Exception {
		Assumptions.assumeTrue(TestDatabase.postgresql(), "PostgreSQL only");
		ExperimentSnapshot experiment = indexedExperiment();
		long testId = experiment.testId();
		try (Connection other = this.dataSource.getConnection()) {
			// Another node's transaction writes first and commits last: the catch-up in
			// between does not see it, and the next one must still read it.
			other.setAutoCommit(false);
			try (PreparedStatement entry = other.prepareStatement(OTHER_NODES_ENTRY)) {
				entry.setLong(1, testId);
				entry.setString(2, "late");
				entry.setLong(3, experiment.projectId());
				entry.setLong(4, 100_000);
				entry.setString(5, "tablet");
				assertThat(entry.executeUpdate()).isEqualTo(1);
			}
			collect(testId, "b-" + testId, 5, "desktop");
			assertThat(devices(this.index.count(experiment, null, ALL, UTC, BY_DEVICE).orElseThrow()))
				.isEqualTo(Map.of("mobile", 10L, "desktop", 5L));
			other.commit();
		}
		assertThat(devices(this.index.count(experiment, null, ALL, UTC, BY_DEVICE).orElseThrow()))
			.isEqualTo(Map.of("mobile", 10L, "desktop", 5L, "tablet", 1L));
	}

	/**
	 * A new experiment with 10 mobile visitors, its index built and answering.
	 */
	private ExperimentSnapshot indexedExperiment() throws InterruptedException {
		String goalKey = "index-" + System.nanoTime();
		long testId = Experiments.create(this.api, project(""), "Index " + goalKey, goalKey, 1);
		collect(testId, "a-" + testId, 10, "mobile");
		ExperimentSnapshot experiment = experiment(testId);
		assertThat(devices(this.index.countWhenCurrent(experiment, null, ALL, UTC, BY_DEVICE, 60_000).orElseThrow()))
			.isEqualTo(Map.of("mobile", 10L));
		return experiment;
	}

	private void collect(long testId, String prefix, int visitors, String device) {
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < visitors; i++) {
			Map<String, Object> exposure = Events.exposure(prefix + i, prefix + i, testId, i % 2);
			exposure.put("attributes", Map.of("device", device));
			events.add(exposure);
		}
		assertThat(this.anonymous.post(project("/collect"), Map.of("events", events)).status()).isEqualTo(202);
	}

	private ExperimentSnapshot experiment(long testId) {
		long projectId = this.jdbc.sql("SELECT project_id FROM experiments WHERE id = ?")
			.param(testId)
			.query(Long.class)
			.single();
		return this.experiments.find(projectId, testId).orElseThrow();
	}

	private static Map<String, Long> devices(SegmentCounts counts) {
		Map<String, Long> visitors = new java.util.HashMap<>();
		counts.countedSegments()
			.forEach((device, counted) -> visitors.put(device,
					counted.tallies().stream().mapToLong(VariantTally::visitors).sum()));
		return visitors;
	}

}
