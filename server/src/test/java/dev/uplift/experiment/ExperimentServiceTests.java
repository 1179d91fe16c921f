package dev.uplift.experiment;

import java.util.List;
import java.util.Map;

import dev.uplift.experiment.ExperimentSnapshot.GoalSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.VariantSnapshot;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class ExperimentServiceTests extends ExperimentIntegrationTest {

	@Autowired
	private ExperimentService experiments;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void findGivesASnapshotWithArmsAndGoalsPrimaryFirst() {
		String secondary = unique("secondary");
		this.api.post(project("/goal"),
				Map.of("goal_name", "S", "goal_type", "event", "goal_value", "s", "goal_key", secondary));
		Map<String, Object> body = experiment(2);
		body.put("experiment_key", unique("snap"));
		body.put("secondary_goal_keys", List.of(secondary));
		body.put("primary_goal", Map.of("goal_name", unique("Primary"), "goal_type", "pageview", "goal_value", "/ok"));
		body.put("configuration", Map.of("weights", List.of(1, 2, 3), "traffic_allocation", 40));
		long testId = create(body);

		ExperimentSnapshot snapshot = this.experiments.find(projectId(), testId).orElseThrow();
		assertThat(snapshot.testId()).isEqualTo(testId);
		assertThat(snapshot.status().label()).isEqualTo("draft");
		assertThat(snapshot.trafficAllocation()).isEqualTo(40.0);
		assertThat(snapshot.weights()).containsExactly(1.0, 2.0, 3.0);
		assertThat(snapshot.variants()).extracting(VariantSnapshot::name)
			.containsExactly("Control", "Variant 1", "Variant 2");
		assertThat(snapshot.goals()).extracting(GoalSnapshot::primary).containsExactly(true, false);
		assertThat(snapshot.primaryGoal().orElseThrow().goalValue()).isEqualTo("/ok");
		assertThat(snapshot.url()).isEqualTo("https://example.com/pricing");
		assertThat(this.experiments.findByKey(projectId(), (String) body.get("experiment_key"))).isPresent();
		assertThat(this.experiments.find(projectId() + 1000, testId)).isEmpty();
	}

	@Test
	void liveListsOnlyLiveExperiments() {
		long live = createDraft();
		long draft = createDraft();
		setStatus(live, 1);
		assertThat(this.experiments.live(projectId())).extracting(ExperimentSnapshot::testId)
			.contains(live)
			.doesNotContain(draft);
	}

	@Test
	void findSharedNeedsTheCurrentToken() {
		long testId = createDraft();
		assertThat(this.experiments.findShared(testId, "anything")).isEmpty();
		String link = this.api.post(project("/experiment/" + testId + "/share-link"), Map.of())
			.json()
			.get("share_link")
			.asString();
		String token = link.substring(link.lastIndexOf('/') + 1);
		assertThat(this.experiments.findShared(testId, token)).isPresent();
		assertThat(this.experiments.findShared(testId, token + "x")).isEmpty();
		assertThat(this.experiments.findShared(testId, null)).isEmpty();
		this.api.delete(project("/experiment/" + testId + "/share-link"));
		assertThat(this.experiments.findShared(testId, token)).isEmpty();
	}

	@Test
	void deletedExperimentsAreInvisibleToTheService() {
		long testId = createDraft();
		setStatus(testId, 1);
		this.api.delete(project("/experiment/" + testId));
		assertThat(this.experiments.find(projectId(), testId)).isEmpty();
		assertThat(this.experiments.findByKey(projectId(), Long.toString(testId))).isEmpty();
		assertThat(this.experiments.live(projectId())).extracting(ExperimentSnapshot::testId).doesNotContain(testId);
	}

	private long projectId() {
		return this.jdbc.sql("SELECT id FROM projects WHERE project_key = ?")
			.param(PROJECT_KEY)
			.query(Long.class)
			.single();
	}

}
