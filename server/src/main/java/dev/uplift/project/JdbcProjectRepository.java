package dev.uplift.project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Organizations and projects. */
@Repository
class JdbcProjectRepository {

	private static final String COUNT_ORGANIZATIONS = "SELECT COUNT(*) FROM organizations";

	private static final String CLAIM_BOOTSTRAP = """
			INSERT INTO bootstrap_claim (id) VALUES (1) ON CONFLICT (id) DO NOTHING RETURNING id
			""";

	private static final String INSERT_ORGANIZATION = """
			INSERT INTO organizations (name, created_at) VALUES (:name, :now) RETURNING id
			""";

	private static final String INSERT_PROJECT = """
			INSERT INTO projects (organization_id, project_key, website_name, widget_name, allowed_website,
			                      time_zone, created_at, updated_at)
			VALUES (:organizationId, :projectKey, :websiteName, :websiteName, :allowedWebsite, :timeZone, :now, :now)
			RETURNING id
			""";

	private static final String COLUMNS = """
			id, organization_id, project_key, website_name, widget_name, allowed_website, monthly_average_traffic,
			time_zone, status, consent_required, created_at, updated_at
			""";

	private static final String FIND_BY_KEY = "SELECT " + COLUMNS + " FROM projects WHERE project_key = :projectKey";

	private static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM projects WHERE id = :id";

	private static final String OLDEST = "SELECT " + COLUMNS + " FROM projects ORDER BY id LIMIT 1";

	private static final String LIST = "SELECT " + COLUMNS + """
			FROM projects
			WHERE organization_id = :organizationId AND status IN (:statuses)
			ORDER BY id LIMIT :limit OFFSET :offset
			""";

	private static final String UPDATE = """
			UPDATE projects
			SET website_name = :websiteName, widget_name = :widgetName, allowed_website = :allowedWebsite,
			    monthly_average_traffic = :monthlyAverageTraffic, consent_required = :consentRequired,
			    updated_at = :now
			WHERE id = :id
			""";

	private static final String COUNT_UNDELETED = """
			SELECT COUNT(*) FROM projects WHERE organization_id = :organizationId AND status <> 2
			""";

	private static final String DELETE = """
			UPDATE projects SET status = 2, updated_at = :now WHERE id = :id AND status <> 2
			""";

	private final JdbcClient jdbc;

	JdbcProjectRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims the first start for this transaction: true for exactly one caller ever; a
	 * concurrent caller waits for the claimant's commit and then gets false.
	 */
	boolean claimBootstrap() {
		return this.jdbc.sql(CLAIM_BOOTSTRAP).query(Integer.class).optional().isPresent();
	}

	boolean hasOrganization() {
		return this.jdbc.sql(COUNT_ORGANIZATIONS).query(Long.class).single() > 0;
	}

	long insertOrganization(String name, long now) {
		return this.jdbc.sql(INSERT_ORGANIZATION).param("name", name).param("now", now).query(Long.class).single();
	}

	long insertProject(long organizationId, String projectKey, String websiteName, String allowedWebsite,
			ZoneId timeZone, long now) {
		return this.jdbc.sql(INSERT_PROJECT)
			.param("organizationId", organizationId)
			.param("projectKey", projectKey)
			.param("websiteName", websiteName)
			.param("allowedWebsite", allowedWebsite)
			.param("timeZone", timeZone.getId())
			.param("now", now)
			.query(Long.class)
			.single();
	}

	Optional<Project> findByKey(String projectKey) {
		return this.jdbc.sql(FIND_BY_KEY)
			.param("projectKey", projectKey)
			.query(JdbcProjectRepository::project)
			.optional();
	}

	Optional<Project> findById(long id) {
		return this.jdbc.sql(FIND_BY_ID).param("id", id).query(JdbcProjectRepository::project).optional();
	}

	Optional<Project> findOldest() {
		return this.jdbc.sql(OLDEST).query(JdbcProjectRepository::project).optional();
	}

	List<Project> list(long organizationId, List<Integer> statuses, int limit, int offset) {
		return this.jdbc.sql(LIST)
			.param("organizationId", organizationId)
			.param("statuses", statuses)
			.param("limit", limit)
			.param("offset", offset)
			.query(JdbcProjectRepository::project)
			.list();
	}

	void update(Project project, long now) {
		this.jdbc.sql(UPDATE)
			.param("id", project.id())
			.param("websiteName", project.websiteName())
			.param("widgetName", project.widgetName())
			.param("allowedWebsite", project.allowedWebsite())
			.param("monthlyAverageTraffic", project.monthlyAverageTraffic())
			.param("consentRequired", project.consentRequired() ? 1 : 0)
			.param("now", now)
			.update();
	}

	/** The organization's projects that are not deleted. */
	long countUndeleted(long organizationId) {
		return this.jdbc.sql(COUNT_UNDELETED).param("organizationId", organizationId).query(Long.class).single();
	}

	/** Marks the project deleted; false when it was already. */
	boolean delete(long id, long now) {
		return this.jdbc.sql(DELETE).param("id", id).param("now", now).update() == 1;
	}

	private static Project project(ResultSet rs, int row) throws SQLException {
		return new Project(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("project_key"),
				rs.getString("website_name"), rs.getString("widget_name"), rs.getString("allowed_website"),
				rs.getLong("monthly_average_traffic"), ZoneId.of(rs.getString("time_zone")), rs.getInt("status"),
				rs.getInt("consent_required") != 0, rs.getLong("created_at"), rs.getLong("updated_at"));
	}

}
