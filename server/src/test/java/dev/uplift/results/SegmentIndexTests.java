package dev.uplift.results;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * The segment index is used only when it holds every committed write: writes it was not
 * told of (another node's) make it step aside until it has rebuilt from the rows.
 */
class SegmentIndexTests extends IntegrationTest {

	private static final ZoneId UTC = ZoneOffset.UTC;

	private static final EntryWindow ALL = EntryWindow.of(null, null, UTC);

	private static final SegmentQuery BY_DEVICE = SegmentQuery.parse(null, null, "device", null, null);

	@Autowired
	private SegmentIndex index;

	@Autowired
	private ExperimentService experiments;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void onPostgresqlTheIndexNeverAnswers() {
		Assumptions.assumeTrue(TestDatabase.postgresql(), "PostgreSQL only");
		String goalKey = "index-" + System.nanoTime();
		long testId = Experiments.create(this.api, project(""), "Index " + goalKey, goalKey, 1);
		collect(testId, "a", 10, "mobile");
		assertThat(this.index.count(experiment(testId), null, ALL, UTC, BY_DEVICE)).isEmpty();
	}

	@Test
	void indexWhenAnotherNodeWroteStepsAsideThenRebuildsExactly() throws InterruptedException {
		Assumptions.assumeFalse(TestDatabase.postgresql(), "the index serves SQLite only");
		String goalKey = "index-" + System.nanoTime();
		long testId = Experiments.create(this.api, project(""), "Index " + goalKey, goalKey, 1);
		collect(testId, "a", 10, "mobile");
		ExperimentSnapshot experiment = experiment(testId);
		assertThat(devices(this.index.countWhenCurrent(experiment, null, ALL, UTC, BY_DEVICE, 60_000).orElseThrow()))
			.isEqualTo(Map.of("mobile", 10L));

		// Kept by the writer's notifications.
		collect(testId, "b", 5, "desktop");
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
