package dev.uplift.experiment;

import java.util.Optional;

import dev.uplift.storage.Columns;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The conclusions of experiments: winner and note, one row per concluded experiment. */
@Repository
class JdbcConclusionRepository {

	// The first conclusion stays, like the first end date: a repeated Conclude changes
	// nothing.
	private static final String INSERT = """
			INSERT INTO experiment_conclusions (test_id, winner_variant, note, concluded_at)
			VALUES (:testId, :winner, :note, :now)
			ON CONFLICT (test_id) DO NOTHING
			""";

	private static final String FIND = """
			SELECT winner_variant, note FROM experiment_conclusions WHERE test_id = :testId
			""";

	private final JdbcClient jdbc;

	JdbcConclusionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(long testId, Conclusion conclusion, long now) {
		this.jdbc.sql(INSERT)
			.param("testId", testId)
			.param("winner", conclusion.winnerVariantId())
			.param("note", conclusion.note())
			.param("now", now)
			.update();
	}

	Optional<Conclusion> find(long testId) {
		return this.jdbc.sql(FIND)
			.param("testId", testId)
			.query((rs, row) -> new Conclusion(winner(Columns.nullableLong(rs, "winner_variant")),
					rs.getString("note")))
			.optional();
	}

	private static Integer winner(Long index) {
		return (index != null) ? Math.toIntExact(index) : null;
	}

}
