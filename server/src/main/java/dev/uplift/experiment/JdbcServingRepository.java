package dev.uplift.experiment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.uplift.experiment.ExperimentSnapshot.Serving;
import dev.uplift.storage.Columns;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The winners served on experiments' own rows (V17): what is served now, to which share,
 * and when serving first began. Every change is one conditional statement, so that two
 * requests racing to start or stop serving cannot both succeed.
 */
@Repository
class JdbcServingRepository {

	private static final String FIND = """
			SELECT test_id, serving_variant, rollout, serving_since, deployed_at
			FROM experiment_serving WHERE test_id IN (:testIds)
			""";

	// Starts serving unless a winner is served already; the first start stays the deploy
	// instant.
	private static final String SERVE = """
			INSERT INTO experiment_serving (test_id, serving_variant, rollout, serving_since, deployed_at)
			VALUES (:testId, :variant, :rollout, :now, :now)
			ON CONFLICT (test_id) DO UPDATE
			SET serving_variant = excluded.serving_variant, rollout = excluded.rollout,
			    serving_since = excluded.serving_since
			WHERE experiment_serving.serving_variant IS NULL
			""";

	private static final String ROLLOUT = """
			UPDATE experiment_serving SET rollout = :rollout
			WHERE test_id = :testId AND serving_variant IS NOT NULL
			""";

	private static final String STOP = """
			UPDATE experiment_serving SET serving_variant = NULL, rollout = NULL, serving_since = NULL
			WHERE test_id = :testId AND serving_variant IS NOT NULL
			""";

	// Serving experiments that are not live: the live ones are listed anyway.
	private static final String SERVING_NOT_LIVE = """
			SELECT s.test_id FROM experiment_serving s JOIN experiments e ON e.id = s.test_id
			WHERE e.project_id = :projectId AND e.status <> :live AND e.deleted_at IS NULL
			  AND s.serving_variant IS NOT NULL
			ORDER BY s.test_id
			""";

	private final JdbcClient jdbc;

	JdbcServingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The serving state of these experiments, for those that ever served a winner. */
	Map<Long, State> find(List<Long> testIds) {
		Map<Long, State> states = new HashMap<>();
		if (testIds.isEmpty()) {
			return states;
		}
		this.jdbc.sql(FIND).param("testIds", testIds).query((rs) -> {
			Long variant = Columns.nullableLong(rs, "serving_variant");
			Serving serving = (variant != null)
					? new Serving(variant.intValue(), rs.getDouble("rollout"), rs.getLong("serving_since")) : null;
			states.put(rs.getLong("test_id"), new State(serving, rs.getLong("deployed_at")));
		});
		return states;
	}

	Optional<State> find(long testId) {
		return Optional.ofNullable(find(List.of(testId)).get(testId));
	}

	/** Starts serving; false when a winner is served already. */
	boolean serve(long testId, int variant, double rollout, long now) {
		return this.jdbc.sql(SERVE)
			.param("testId", testId)
			.param("variant", variant)
			.param("rollout", rollout)
			.param("now", now)
			.update() == 1;
	}

	/** Changes the rollout; false when no winner is served. */
	boolean rollout(long testId, double rollout) {
		return this.jdbc.sql(ROLLOUT).param("testId", testId).param("rollout", rollout).update() == 1;
	}

	/** Stops serving; false when no winner is served. */
	boolean stop(long testId) {
		return this.jdbc.sql(STOP).param("testId", testId).update() == 1;
	}

	/** The project's experiments that serve a winner but are not live. */
	List<Long> servingNotLive(long projectId) {
		return this.jdbc.sql(SERVING_NOT_LIVE)
			.param("projectId", projectId)
			.param("live", ExperimentStatus.LIVE.code())
			.query(Long.class)
			.list();
	}

	/**
	 * An experiment's serving state.
	 *
	 * @param serving what is served now, or null
	 * @param deployedAt when serving first began (epoch ms)
	 */
	record State(Serving serving, long deployedAt) {
	}

}
