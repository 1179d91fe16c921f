package dev.uplift.experiment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Goal profiles of projects; deleted goals ({@link Goal#DELETED}) are invisible to every
 * read.
 */
@Repository
class JdbcGoalRepository {

	private static final String COLUMNS = """
			id, project_id, goal_key, goal_name, goal_type, goal_value, goal_purpose, element_url, status,
			created_at, updated_at
			""";

	private static final String INSERT = """
			INSERT INTO goals (project_id, goal_key, goal_name, goal_type, goal_value, goal_purpose, element_url,
			                   status, created_at, updated_at)
			VALUES (:projectId, :key, :name, :type, :value, :purpose, :elementUrl, :active, :now, :now)
			RETURNING id
			""";

	private static final String FIND = "SELECT " + COLUMNS + """
			FROM goals WHERE id = :id AND project_id = :projectId AND status <> :deleted
			""";

	private static final String FIND_BY_KEY = "SELECT " + COLUMNS + """
			FROM goals WHERE project_id = :projectId AND goal_key = :key AND status <> :deleted
			""";

	private static final String FIND_BY_NAME_AND_TYPE = "SELECT " + COLUMNS + """
			FROM goals WHERE project_id = :projectId AND goal_name = :name AND goal_type = :type AND status <> :deleted
			ORDER BY id LIMIT 1
			""";

	private static final String LIST = "SELECT " + COLUMNS + """
			FROM goals WHERE project_id = :projectId AND status <> :deleted
			ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
			""";

	private static final String UPDATE = """
			UPDATE goals
			SET goal_key = :key, goal_name = :name, goal_type = :type, goal_value = :value, goal_purpose = :purpose,
			    element_url = :elementUrl, updated_at = :now
			WHERE id = :id
			""";

	private static final String DELETE = "UPDATE goals SET status = :deleted, updated_at = :now WHERE id = :id";

	private final JdbcClient jdbc;

	JdbcGoalRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(long projectId, String key, GoalDraft goal, long now) {
		return bind(this.jdbc.sql(INSERT), key, goal, now).param("projectId", projectId)
			.param("active", Goal.ACTIVE)
			.query(Long.class)
			.single();
	}

	Optional<Goal> find(long projectId, long id) {
		return this.jdbc.sql(FIND)
			.param("deleted", Goal.DELETED)
			.param("id", id)
			.param("projectId", projectId)
			.query(JdbcGoalRepository::goal)
			.optional();
	}

	Optional<Goal> findByKey(long projectId, String key) {
		return this.jdbc.sql(FIND_BY_KEY)
			.param("deleted", Goal.DELETED)
			.param("projectId", projectId)
			.param("key", key)
			.query(JdbcGoalRepository::goal)
			.optional();
	}

	Optional<Goal> findByNameAndType(long projectId, String name, String type) {
		return this.jdbc.sql(FIND_BY_NAME_AND_TYPE)
			.param("deleted", Goal.DELETED)
			.param("projectId", projectId)
			.param("name", name)
			.param("type", type)
			.query(JdbcGoalRepository::goal)
			.optional();
	}

	List<Goal> list(long projectId, int limit, int offset) {
		return this.jdbc.sql(LIST)
			.param("deleted", Goal.DELETED)
			.param("projectId", projectId)
			.param("limit", limit)
			.param("offset", offset)
			.query(JdbcGoalRepository::goal)
			.list();
	}

	void update(long id, GoalDraft goal, long now) {
		bind(this.jdbc.sql(UPDATE), goal.key(), goal, now).param("id", id).update();
	}

	void delete(long id, long now) {
		this.jdbc.sql(DELETE).param("deleted", Goal.DELETED).param("id", id).param("now", now).update();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, String key, GoalDraft goal,
			long now) {
		return statement.param("key", key)
			.param("name", goal.name())
			.param("type", goal.type().apiName())
			.param("value", goal.value())
			.param("purpose", goal.purpose())
			.param("elementUrl", goal.elementUrl())
			.param("now", now);
	}

	static Goal goal(ResultSet rs, int row) throws SQLException {
		return new Goal(rs.getLong("id"), rs.getLong("project_id"), rs.getString("goal_key"), rs.getString("goal_name"),
				rs.getString("goal_type"), rs.getString("goal_value"), rs.getString("goal_purpose"),
				rs.getString("element_url"), rs.getInt("status"), rs.getLong("created_at"), rs.getLong("updated_at"));
	}

}
