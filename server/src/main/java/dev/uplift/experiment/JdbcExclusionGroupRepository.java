package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.uplift.experiment.ExclusionGroup.Member;
import dev.uplift.error.InvalidInput;
import dev.uplift.experiment.ExclusionGroupRequest.MemberRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Exclusion groups of projects and their members in member order; deleting a group
 * removes it.
 */
@Repository
class JdbcExclusionGroupRepository {

	private static final String INSERT = """
			INSERT INTO exclusion_groups (project_id, name, description, created_at, updated_at)
			VALUES (:projectId, :name, :description, :now, :now)
			RETURNING id
			""";

	private static final String INSERT_MEMBER = """
			INSERT INTO exclusion_group_members (group_id, member_order, test_id, percent)
			VALUES (:groupId, :memberOrder, :testId, :percent)
			ON CONFLICT (test_id) DO NOTHING
			""";

	private static final String GROUPS = """
			SELECT id, name, description FROM exclusion_groups WHERE project_id = :projectId ORDER BY id
			""";

	private static final String MEMBERS = """
			SELECT m.group_id, m.test_id, m.percent, e.test_name, e.status
			FROM exclusion_group_members m
			JOIN exclusion_groups g ON g.id = m.group_id
			JOIN experiments e ON e.id = m.test_id
			WHERE g.project_id = :projectId
			ORDER BY m.group_id, m.member_order
			""";

	// The whole membership of the group that holds one experiment: what one SDK query
	// needs.
	private static final String GROUP_OF_EXPERIMENT = """
			SELECT m.group_id, m.test_id, m.percent
			FROM exclusion_group_members m
			WHERE m.group_id IN (SELECT group_id FROM exclusion_group_members WHERE test_id = :testId)
			ORDER BY m.member_order
			""";

	private static final String UPDATE = """
			UPDATE exclusion_groups SET name = :name, description = :description, updated_at = :now WHERE id = :id
			""";

	private static final String DELETE_MEMBERS = "DELETE FROM exclusion_group_members WHERE group_id = :groupId";

	private static final String DELETE = "DELETE FROM exclusion_groups WHERE id = :id";

	private final JdbcClient jdbc;

	JdbcExclusionGroupRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(long projectId, String name, String description, long now) {
		return this.jdbc.sql(INSERT)
			.param("projectId", projectId)
			.param("name", name)
			.param("description", description)
			.param("now", now)
			.query(Long.class)
			.single();
	}

	void insertMembers(long groupId, List<MemberRequest> members) {
		for (int i = 0; i < members.size(); i++) {
			int inserted = this.jdbc.sql(INSERT_MEMBER)
				.param("groupId", groupId)
				.param("memberOrder", i)
				.param("testId", members.get(i).testId())
				.param("percent", members.get(i).percent())
				.update();
			if (inserted == 0) {
				// Another node's request took the experiment between the service's check
				// and this insert; the caller's transaction is rolled back.
				throw new InvalidInput("'tests[" + i + "].test_id' names experiment " + members.get(i).testId()
						+ ", which already belongs to another exclusion group: an experiment is in at most one group");
			}
		}
	}

	/** Every group of the project with its members, oldest group first. */
	List<ExclusionGroup> groups(long projectId) {
		Map<Long, List<Member>> members = new LinkedHashMap<>();
		this.jdbc.sql(MEMBERS).param("projectId", projectId).query((rs) -> {
			members.computeIfAbsent(rs.getLong("group_id"), (id) -> new ArrayList<>())
				.add(new Member(rs.getLong("test_id"), rs.getDouble("percent"), rs.getString("test_name"),
						ExperimentStatus.ofCode(rs.getInt("status"))));
		});
		return this.jdbc.sql(GROUPS)
			.param("projectId", projectId)
			.query((rs, row) -> new ExclusionGroup(rs.getLong("id"), projectId, rs.getString("name"),
					rs.getString("description"), members.getOrDefault(rs.getLong("id"), List.of())))
			.list();
	}

	/** The group that holds this experiment, with only what assignment needs. */
	Optional<ExclusionGroupSnapshot> groupOf(long testId) {
		List<Long> testIds = new ArrayList<>();
		List<Double> percents = new ArrayList<>();
		long[] groupId = { 0 };
		this.jdbc.sql(GROUP_OF_EXPERIMENT).param("testId", testId).query((rs) -> {
			groupId[0] = rs.getLong("group_id");
			testIds.add(rs.getLong("test_id"));
			percents.add(rs.getDouble("percent"));
		});
		if (testIds.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new ExclusionGroupSnapshot(groupId[0], testIds,
				percents.stream().mapToDouble(Double::doubleValue).toArray()));
	}

	void update(long id, String name, String description, long now) {
		this.jdbc.sql(UPDATE)
			.param("id", id)
			.param("name", name)
			.param("description", description)
			.param("now", now)
			.update();
	}

	void deleteMembers(long groupId) {
		this.jdbc.sql(DELETE_MEMBERS).param("groupId", groupId).update();
	}

	void delete(long id) {
		this.jdbc.sql(DELETE).param("id", id).update();
	}

}
