package dev.uplift.experiment;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which goals an experiment tracks, one of them primary. A deleted goal stays attached
 * but is not read.
 */
@Repository
class JdbcExperimentGoalRepository {

	private static final String ATTACH = """
			INSERT INTO experiment_goals (test_id, goal_id, is_primary) VALUES (:testId, :goalId, :primary)
			""";

	private static final String DETACH_PRIMARY = """
			DELETE FROM experiment_goals WHERE test_id = :testId AND (is_primary = 1 OR goal_id = :goalId)
			""";

	private static final String DETACH_SECONDARY = """
			DELETE FROM experiment_goals WHERE test_id = :testId AND is_primary = 0
			""";

	private static final String PRIMARY = """
			SELECT goal_id FROM experiment_goals WHERE test_id = :testId AND is_primary = 1
			""";

	private static final String ATTACHED = """
			SELECT eg.test_id, eg.is_primary, g.id, g.project_id, g.goal_key, g.goal_name, g.goal_type, g.goal_value,
			       g.goal_purpose, g.element_url, g.status, g.created_at, g.updated_at
			FROM experiment_goals eg JOIN goals g ON g.id = eg.goal_id
			WHERE eg.test_id IN (:testIds) AND g.status <> :deleted
			ORDER BY eg.test_id, eg.is_primary DESC, g.id
			""";

	private final JdbcClient jdbc;

	JdbcExperimentGoalRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Makes this goal the primary one, in place of the previous primary goal. */
	void attachPrimary(long testId, long goalId) {
		this.jdbc.sql(DETACH_PRIMARY).param("testId", testId).param("goalId", goalId).update();
		attach(testId, goalId, true);
	}

	/** Replaces the secondary goals; the caller leaves out the primary goal. */
	void replaceSecondary(long testId, Collection<Long> goalIds) {
		this.jdbc.sql(DETACH_SECONDARY).param("testId", testId).update();
		goalIds.forEach((goalId) -> attach(testId, goalId, false));
	}

	Optional<Long> primaryGoalId(long testId) {
		return this.jdbc.sql(PRIMARY).param("testId", testId).query(Long.class).optional();
	}

	/**
	 * The goals of these experiments that are not deleted, primary first within each
	 * experiment.
	 */
	List<AttachedGoal> attached(Collection<Long> testIds) {
		if (testIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(ATTACHED)
			.param("deleted", Goal.DELETED)
			.param("testIds", testIds)
			.query((rs, row) -> new AttachedGoal(rs.getLong("test_id"), JdbcGoalRepository.goal(rs, row),
					rs.getInt("is_primary") == 1))
			.list();
	}

	private void attach(long testId, long goalId, boolean primary) {
		this.jdbc.sql(ATTACH)
			.param("testId", testId)
			.param("goalId", goalId)
			.param("primary", primary ? 1 : 0)
			.update();
	}

	/** A goal as one experiment tracks it. */
	record AttachedGoal(long testId, Goal goal, boolean primary) {
	}

}
