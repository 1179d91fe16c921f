package dev.uplift.experiment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.uplift.storage.Columns;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Experiments of projects; a deleted experiment (deleted_at set) is invisible to every
 * read.
 */
@Repository
class JdbcExperimentRepository {

	private static final String COLUMNS = """
			id, project_id, experiment_key, test_name, url, page_urls, traffic_allocation, confidence_interval,
			bayesian, sequential, prior_mean, prior_variance, custom_js, custom_css, status, is_completed,
			share_token, created_at, updated_at, ended_at, hash_seed, hash_version, targeting, test_type
			""";

	private static final String INSERT = """
			INSERT INTO experiments (project_id, experiment_key, test_name, url, page_urls, traffic_allocation,
			                         confidence_interval, bayesian, sequential, prior_mean, prior_variance, custom_js,
			                         custom_css, status, hash_seed, hash_version, created_at,
			                         updated_at, targeting, test_type)
			VALUES (:projectId, :key, :name, :url, :pageUrls, :trafficAllocation, :confidenceInterval, :bayesian,
			        :sequential, :priorMean, :priorVariance, :customJs, :customCss, :status, :hashSeed, :hashVersion,
			        :now, :now, :targeting, :testType)
			RETURNING id
			""";

	// The default seed is the key, and the default key the test id, known only after the
	// insert.
	private static final String UPDATE_KEY = """
			UPDATE experiments SET experiment_key = :key, hash_seed = COALESCE(hash_seed, :key) WHERE id = :id
			""";

	private static final String FIND = "SELECT " + COLUMNS + """
			FROM experiments WHERE id = :id AND project_id = :projectId AND deleted_at IS NULL
			""";

	private static final String FIND_IN_ANY_PROJECT = "SELECT " + COLUMNS + """
			FROM experiments WHERE id = :id AND deleted_at IS NULL
			""";

	private static final String FIND_BY_KEY = "SELECT " + COLUMNS + """
			FROM experiments WHERE project_id = :projectId AND experiment_key = :key AND deleted_at IS NULL
			""";

	private static final String LIST = "SELECT " + COLUMNS + """
			FROM experiments WHERE project_id = :projectId AND deleted_at IS NULL
			ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
			""";

	private static final String LIVE = "SELECT " + COLUMNS + """
			FROM experiments WHERE project_id = :projectId AND status = :live AND deleted_at IS NULL ORDER BY id
			""";

	private static final String UPDATE = """
			UPDATE experiments
			SET test_name = :name, url = :url, page_urls = :pageUrls, traffic_allocation = :trafficAllocation,
			    confidence_interval = :confidenceInterval, bayesian = :bayesian, sequential = :sequential,
			    prior_mean = :priorMean, prior_variance = :priorVariance, custom_js = :customJs,
			    custom_css = :customCss, status = :status, hash_seed = :hashSeed, is_completed = :completed,
			    ended_at = :endedAt, share_token = :shareToken, updated_at = :now,
			    targeting = :targeting, test_type = :testType
			WHERE id = :id
			""";

	// Compare and set: of several nodes moving the same experiment at once, one wins.
	private static final String CHANGE_LIFECYCLE = """
			UPDATE experiments SET status = :status, is_completed = :completed, ended_at = :endedAt, updated_at = :now
			WHERE id = :id AND status = :fromStatus AND is_completed = :fromCompleted AND deleted_at IS NULL
			""";

	private static final String DELETE = "UPDATE experiments SET deleted_at = :now, updated_at = :now WHERE id = :id";

	// Any assignment means the experiment has data; one row is enough to know.
	private static final String HAS_DATA = """
			SELECT COUNT(*) FROM (SELECT 1 FROM assignments WHERE test_id = :id LIMIT 1) AS probe
			""";

	// Deleted experiments count too: a project that ever had one is no longer new.
	private static final String HAS_ANY = """
			SELECT COUNT(*) FROM (SELECT 1 FROM experiments WHERE project_id = :projectId LIMIT 1) AS probe
			""";

	private final JdbcClient jdbc;

	JdbcExperimentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(Experiment experiment, long now) {
		return bind(this.jdbc.sql(INSERT), experiment).param("projectId", experiment.projectId())
			.param("key", experiment.key())
			.param("now", now)
			.query(Long.class)
			.single();
	}

	void updateKey(long id, String key) {
		this.jdbc.sql(UPDATE_KEY).param("id", id).param("key", key).update();
	}

	/** Saves everything but the identity, the key and the creation time. */
	void update(Experiment experiment, long now) {
		bind(this.jdbc.sql(UPDATE), experiment).param("id", experiment.id())
			.param("completed", experiment.completed() ? 1 : 0)
			.param("endedAt", experiment.endedAt())
			.param("shareToken", experiment.shareToken())
			.param("now", now)
			.update();
	}

	/**
	 * Moves the experiment from one state of its life-cycle to another, unless it left
	 * the first meanwhile; whether this call moved it.
	 */
	boolean changeLifecycle(Experiment from, Experiment to, long now) {
		return this.jdbc.sql(CHANGE_LIFECYCLE)
			.param("id", from.id())
			.param("status", to.status().code())
			.param("completed", to.completed() ? 1 : 0)
			.param("endedAt", to.endedAt())
			.param("fromStatus", from.status().code())
			.param("fromCompleted", from.completed() ? 1 : 0)
			.param("now", now)
			.update() == 1;
	}

	void delete(long id, long now) {
		this.jdbc.sql(DELETE).param("id", id).param("now", now).update();
	}

	Optional<Experiment> find(long projectId, long id) {
		return this.jdbc.sql(FIND).param("id", id).param("projectId", projectId).query(this::experiment).optional();
	}

	Optional<Experiment> findInAnyProject(long id) {
		return this.jdbc.sql(FIND_IN_ANY_PROJECT).param("id", id).query(this::experiment).optional();
	}

	Optional<Experiment> findByKey(long projectId, String key) {
		return this.jdbc.sql(FIND_BY_KEY)
			.param("projectId", projectId)
			.param("key", key)
			.query(this::experiment)
			.optional();
	}

	List<Experiment> list(long projectId, int limit, int offset) {
		return this.jdbc.sql(LIST)
			.param("projectId", projectId)
			.param("limit", limit)
			.param("offset", offset)
			.query(this::experiment)
			.list();
	}

	List<Experiment> live(long projectId) {
		return this.jdbc.sql(LIVE)
			.param("projectId", projectId)
			.param("live", ExperimentStatus.LIVE.code())
			.query(this::experiment)
			.list();
	}

	boolean hasData(long id) {
		return this.jdbc.sql(HAS_DATA).param("id", id).query(Long.class).single() > 0;
	}

	boolean hasAny(long projectId) {
		return this.jdbc.sql(HAS_ANY).param("projectId", projectId).query(Long.class).single() > 0;
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Experiment experiment) {
		Settings settings = experiment.settings();
		return statement.param("name", experiment.name())
			.param("url", experiment.url())
			.param("pageUrls", experiment.pageRules().isEmpty() ? null : experiment.pageRules().toJson())
			.param("trafficAllocation", settings.trafficAllocation())
			.param("confidenceInterval", settings.confidenceInterval())
			.param("bayesian", settings.bayesian() ? 1 : 0)
			.param("sequential", settings.sequential() ? 1 : 0)
			.param("priorMean", settings.priorMean())
			.param("priorVariance", settings.priorVariance())
			.param("customJs", experiment.customJs())
			.param("customCss", experiment.customCss())
			.param("status", experiment.status().code())
			.param("hashSeed", experiment.hashSeed())
			.param("hashVersion", experiment.hashVersion())
			.param("targeting", experiment.targeting().toJson())
			.param("testType", experiment.testType().code());
	}

	// Only the types Uplift runs are ever written; the column's default is 'abtest'.
	private static TestType testType(String code) {
		return TestType.ofCode(code).orElseThrow(() -> new IllegalStateException("Unknown test_type " + code));
	}

	private Experiment experiment(ResultSet rs, int row) throws SQLException {
		Settings settings = new Settings(rs.getDouble("traffic_allocation"), rs.getInt("confidence_interval"),
				rs.getInt("bayesian") == 1, rs.getInt("sequential") == 1, Columns.nullableDouble(rs, "prior_mean"),
				Columns.nullableDouble(rs, "prior_variance"));
		return new Experiment(rs.getLong("id"), rs.getLong("project_id"), rs.getString("experiment_key"),
				rs.getString("test_name"), rs.getString("url"), PageRules.fromJson(rs.getString("page_urls")), settings,
				rs.getString("hash_seed"), rs.getInt("hash_version"), rs.getString("custom_js"),
				rs.getString("custom_css"), ExperimentStatus.ofCode(rs.getInt("status")),
				rs.getInt("is_completed") == 1, rs.getString("share_token"), rs.getLong("created_at"),
				rs.getLong("updated_at"), Columns.nullableLong(rs, "ended_at"),
				Targeting.fromJson(rs.getString("targeting")), testType(rs.getString("test_type")));
	}

}
