package dev.uplift.experiment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.uplift.storage.Columns;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The schedules and completion rules of experiments, and their first starts. */
@Repository
class JdbcScheduleRepository {

	private static final String COLUMNS = """
			s.test_id, s.start_at, s.end_at, s.completion_visitors, s.completion_conversions,
			s.completion_significant, s.completion_after_days, s.started_at, s.completed_by
			""";

	private static final String FIND = "SELECT " + COLUMNS + " FROM experiment_schedules s WHERE s.test_id = :id";

	private static final String SAVE = """
			INSERT INTO experiment_schedules (test_id, start_at, end_at, completion_visitors, completion_conversions,
			                                  completion_significant, completion_after_days)
			VALUES (:id, :startAt, :endAt, :visitors, :conversions, :significant, :afterDays)
			ON CONFLICT (test_id) DO UPDATE SET start_at = excluded.start_at, end_at = excluded.end_at,
			    completion_visitors = excluded.completion_visitors,
			    completion_conversions = excluded.completion_conversions,
			    completion_significant = excluded.completion_significant,
			    completion_after_days = excluded.completion_after_days
			""";

	// The first start stays: a period counts from it however often the experiment pauses.
	private static final String MARK_STARTED = """
			INSERT INTO experiment_schedules (test_id, started_at) VALUES (:id, :now)
			ON CONFLICT (test_id) DO UPDATE
			SET started_at = COALESCE(experiment_schedules.started_at, excluded.started_at)
			""";

	private static final String COMPLETED_BY = """
			UPDATE experiment_schedules SET completed_by = :reason WHERE test_id = :id
			""";

	private static final String DUE_STARTS = """
			SELECT s.test_id FROM experiment_schedules s JOIN experiments e ON e.id = s.test_id
			WHERE e.status = 9 AND e.deleted_at IS NULL AND s.started_at IS NULL AND s.start_at <= :now
			ORDER BY s.test_id
			""";

	private static final String RUNNING = "SELECT " + COLUMNS + """
			, e.project_id FROM experiment_schedules s JOIN experiments e ON e.id = s.test_id
			WHERE e.status IN (0, 1) AND e.is_completed = 0 AND e.deleted_at IS NULL
			  AND (s.end_at IS NOT NULL OR s.completion_visitors > 0 OR s.completion_conversions > 0
			       OR s.completion_significant = 1 OR s.completion_after_days > 0)
			ORDER BY s.test_id
			""";

	private final JdbcClient jdbc;

	JdbcScheduleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Schedule> find(long testId) {
		return this.jdbc.sql(FIND).param("id", testId).query((rs, row) -> schedule(rs)).optional();
	}

	void save(long testId, Schedule schedule) {
		this.jdbc.sql(SAVE)
			.param("id", testId)
			.param("startAt", schedule.startAt())
			.param("endAt", schedule.endAt())
			.param("visitors", schedule.completionVisitors())
			.param("conversions", schedule.completionConversions())
			.param("significant", schedule.completionSignificant() ? 1 : 0)
			.param("afterDays", schedule.completionAfterDays())
			.update();
	}

	void markStarted(long testId, long now) {
		this.jdbc.sql(MARK_STARTED).param("id", testId).param("now", now).update();
	}

	void completedBy(long testId, CompletionReason reason) {
		this.jdbc.sql(COMPLETED_BY).param("id", testId).param("reason", reason.field()).update();
	}

	/** The drafts whose scheduled start has come and that never started. */
	List<Long> dueStarts(long now) {
		return this.jdbc.sql(DUE_STARTS).param("now", now).query(Long.class).list();
	}

	/** The live or paused experiments that a rule may conclude. */
	List<RunningSchedule> running() {
		return this.jdbc.sql(RUNNING)
			.query((rs, row) -> RunningSchedule.of(rs.getLong("test_id"), rs.getLong("project_id"), schedule(rs)))
			.list();
	}

	private static Schedule schedule(ResultSet rs) throws SQLException {
		return new Schedule(Columns.nullableLong(rs, "start_at"), Columns.nullableLong(rs, "end_at"),
				rs.getLong("completion_visitors"), rs.getLong("completion_conversions"),
				rs.getInt("completion_significant") == 1, rs.getLong("completion_after_days"),
				Columns.nullableLong(rs, "started_at"), CompletionReason.ofField(rs.getString("completed_by")));
	}

}
