package dev.uplift.project;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowCallbackHandler;
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
			time_zone, status, consent_required, created_at, updated_at, storage_quota_bytes
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

	private static final String MONEY_AND_GOAL = "SELECT reporting_currency, default_goal_id FROM projects WHERE id = :id";

	private static final String RATES = "SELECT currency, rate FROM currency_rates WHERE project_id = :id";

	private static final String GOAL_COLUMNS = "SELECT id, goal_key, goal_name, goal_type, goal_value FROM goals ";

	private static final String GOAL_BY_ID = GOAL_COLUMNS
			+ "WHERE project_id = :projectId AND id = :goalId AND status <> 2";

	private static final String GOAL_BY_KEY = GOAL_COLUMNS
			+ "WHERE project_id = :projectId AND goal_key = :goalKey AND status <> 2";

	// Through the rollups, whose keys lead with test_id: assignments have no index by
	// project.
	private static final String HAS_ENTRIES = """
			SELECT COUNT(*) FROM entry_rollup r JOIN experiments e ON e.id = r.test_id
			WHERE e.project_id = :id AND r.visitors <> 0
			""";

	private static final String HAS_REVENUE = """
			SELECT COUNT(*) FROM conversion_rollup r JOIN experiments e ON e.id = r.test_id
			WHERE e.project_id = :id AND (r.orders <> 0 OR r.excluded_orders <> 0)
			""";

	private static final String UPDATE_CONFIGURATION = """
			UPDATE projects
			SET time_zone = :timeZone, reporting_currency = :reportingCurrency, default_goal_id = :defaultGoalId,
			    consent_required = :consentRequired, updated_at = :now
			WHERE id = :id
			""";

	private static final String SET_STORAGE_QUOTA = """
			UPDATE projects SET storage_quota_bytes = :quota, updated_at = :now WHERE id = :id
			""";

	private static final String USAGE = """
			SELECT COALESCE(SUM(events), 0) AS events, COALESCE(SUM(bytes), 0) AS bytes
			FROM project_usage WHERE project_id = :id
			""";

	private static final String DELETE_RATES = "DELETE FROM currency_rates WHERE project_id = :id";

	private static final String INSERT_RATE = """
			INSERT INTO currency_rates (project_id, currency, rate) VALUES (:id, :currency, :rate)
			""";

	private final JdbcClient jdbc;

	private final StorageQuotaProperties quotas;

	JdbcProjectRepository(JdbcClient jdbc, StorageQuotaProperties quotas) {
		this.jdbc = jdbc;
		this.quotas = quotas;
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
		return this.jdbc.sql(FIND_BY_KEY).param("projectKey", projectKey).query(this::project).optional();
	}

	Optional<Project> findById(long id) {
		return this.jdbc.sql(FIND_BY_ID).param("id", id).query(this::project).optional();
	}

	Optional<Project> findOldest() {
		return this.jdbc.sql(OLDEST).query(this::project).optional();
	}

	List<Project> list(long organizationId, List<Integer> statuses, int limit, int offset) {
		return this.jdbc.sql(LIST)
			.param("organizationId", organizationId)
			.param("statuses", statuses)
			.param("limit", limit)
			.param("offset", offset)
			.query(this::project)
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

	ProjectConfiguration configuration(Project project) {
		Map<String, BigDecimal> rates = new HashMap<>();
		this.jdbc.sql(RATES)
			.param("id", project.id())
			.query((RowCallbackHandler) (rs) -> rates.put(rs.getString("currency"),
					new BigDecimal(rs.getString("rate"))));
		return this.jdbc.sql(MONEY_AND_GOAL).param("id", project.id()).query((rs, row) -> {
			long goalId = rs.getLong("default_goal_id");
			DefaultGoal goal = rs.wasNull() ? null : goalById(project.id(), goalId).orElse(null);
			return new ProjectConfiguration(project.timeZone(), rs.getString("reporting_currency"), rates, goal,
					project.consentRequired());
		}).single();
	}

	Optional<String> reportingCurrency(long projectId) {
		return this.jdbc.sql(MONEY_AND_GOAL)
			.param("id", projectId)
			.query((rs, row) -> rs.getString("reporting_currency"))
			.optional();
	}

	Optional<DefaultGoal> goalById(long projectId, long goalId) {
		return this.jdbc.sql(GOAL_BY_ID)
			.param("projectId", projectId)
			.param("goalId", goalId)
			.query(JdbcProjectRepository::goal)
			.optional();
	}

	Optional<DefaultGoal> goalByKey(long projectId, String goalKey) {
		return this.jdbc.sql(GOAL_BY_KEY)
			.param("projectId", projectId)
			.param("goalKey", goalKey)
			.query(JdbcProjectRepository::goal)
			.optional();
	}

	boolean hasEntries(long projectId) {
		return this.jdbc.sql(HAS_ENTRIES).param("id", projectId).query(Long.class).single() > 0;
	}

	boolean hasRevenue(long projectId) {
		return this.jdbc.sql(HAS_REVENUE).param("id", projectId).query(Long.class).single() > 0;
	}

	void updateConfiguration(long projectId, ProjectConfiguration configuration, long now) {
		this.jdbc.sql(UPDATE_CONFIGURATION)
			.param("id", projectId)
			.param("timeZone", configuration.timeZone().getId())
			.param("reportingCurrency", configuration.reportingCurrency())
			.param("defaultGoalId", configuration.primaryGoal().map(DefaultGoal::goalId).orElse(null), Types.BIGINT)
			.param("consentRequired", configuration.consentRequired() ? 1 : 0)
			.param("now", now)
			.update();
		this.jdbc.sql(DELETE_RATES).param("id", projectId).update();
		configuration.currencyRates()
			.forEach((currency, rate) -> this.jdbc.sql(INSERT_RATE)
				.param("id", projectId)
				.param("currency", currency)
				.param("rate", rate.toPlainString())
				.update());
	}

	/** Sets the project's own storage quota; null gives it the server's. */
	void setStorageQuota(long projectId, Long quotaBytes, long now) {
		this.jdbc.sql(SET_STORAGE_QUOTA)
			.param("id", projectId)
			.param("quota", quotaBytes, Types.BIGINT)
			.param("now", now)
			.update();
	}

	/** What the project's event log keeps, against the quota in force. */
	StorageUsage usage(Project project) {
		return this.jdbc.sql(USAGE)
			.param("id", project.id())
			.query((rs, row) -> new StorageUsage(project.storageQuotaBytes(), rs.getLong("events"),
					rs.getLong("bytes")))
			.single();
	}

	private static DefaultGoal goal(ResultSet rs, int row) throws SQLException {
		return new DefaultGoal(rs.getLong("id"), rs.getString("goal_key"), rs.getString("goal_name"),
				rs.getString("goal_type"), rs.getString("goal_value"));
	}

	private Project project(ResultSet rs, int row) throws SQLException {
		long quota = rs.getLong("storage_quota_bytes");
		long storageQuota = this.quotas.resolve(rs.wasNull() ? null : quota);
		return new Project(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("project_key"),
				rs.getString("website_name"), rs.getString("widget_name"), rs.getString("allowed_website"),
				rs.getLong("monthly_average_traffic"), ZoneId.of(rs.getString("time_zone")), rs.getInt("status"),
				rs.getInt("consent_required") != 0, rs.getLong("created_at"), rs.getLong("updated_at"), storageQuota);
	}

}
