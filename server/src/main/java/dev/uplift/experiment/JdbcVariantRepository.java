package dev.uplift.experiment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The arms of experiments, Control at index 0. */
@Repository
class JdbcVariantRepository {

	private static final String INSERT = """
			INSERT INTO variants (test_id, variant_index, name, nickname, weight, custom_css, custom_js, data)
			VALUES (:testId, :index, :name, :nickname, :weight, :customCss, :customJs, :data)
			""";

	private static final String DELETE = "DELETE FROM variants WHERE test_id = :testId";

	private static final String FIND = """
			SELECT test_id, variant_index, name, nickname, weight, custom_css, custom_js, data
			FROM variants WHERE test_id IN (:testIds) ORDER BY test_id, variant_index
			""";

	private final JdbcClient jdbc;

	JdbcVariantRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Replaces all arms of an experiment. */
	void replace(long testId, List<Variant> variants) {
		this.jdbc.sql(DELETE).param("testId", testId).update();
		for (Variant variant : variants) {
			this.jdbc.sql(INSERT)
				.param("testId", testId)
				.param("index", variant.index())
				.param("name", variant.name())
				.param("nickname", variant.nickname())
				.param("weight", variant.weight())
				.param("customCss", variant.customCss())
				.param("customJs", variant.customJs())
				.param("data", variant.data())
				.update();
		}
	}

	/** The arms of these experiments, in order. */
	List<ExperimentVariant> find(Collection<Long> testIds) {
		if (testIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(FIND).param("testIds", testIds).query(JdbcVariantRepository::variant).list();
	}

	private static ExperimentVariant variant(ResultSet rs, int row) throws SQLException {
		return new ExperimentVariant(rs.getLong("test_id"),
				new Variant(rs.getInt("variant_index"), rs.getString("name"), rs.getString("nickname"),
						rs.getDouble("weight"), rs.getString("custom_css"), rs.getString("custom_js"),
						rs.getString("data")));
	}

	/** An arm with the experiment it belongs to. */
	record ExperimentVariant(long testId, Variant variant) {
	}

}
