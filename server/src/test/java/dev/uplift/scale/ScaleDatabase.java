package dev.uplift.scale;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.uplift.support.TestDatabase;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL database that the multinode-tagged tests share between their nodes: only
 * in the postgresql surefire execution, skipped with a message when PostgreSQL is
 * unreachable outside CI.
 */
final class ScaleDatabase {

	private final Map<String, String> storage;

	private ScaleDatabase(Map<String, String> storage) {
		this.storage = storage;
	}

	/**
	 * A fresh, empty database, or a skipped test when this run is not the PostgreSQL one.
	 */
	static ScaleDatabase fresh() {
		Assumptions.assumeTrue(TestDatabase.postgresql(),
				"Skipped: multinode tests run on PostgreSQL only (the postgresql surefire execution sets "
						+ "UPLIFT_TEST_DATABASE=postgresql)");
		String reason = TestDatabase.unavailableReason();
		Assumptions.assumeTrue(reason == null, () -> "Skipped: " + reason);
		return new ScaleDatabase(TestDatabase.freshStorage());
	}

	/** The {@code uplift.storage.*} properties that point a node at this database. */
	Map<String, String> storage() {
		return this.storage;
	}

	String url() {
		return this.storage.get("uplift.storage.url");
	}

	/**
	 * Rows of a query, each as its column values in order, for checks straight against
	 * the tables.
	 */
	List<List<Object>> rows(String sql) {
		try (Connection connection = DriverManager.getConnection(url(), this.storage.get("uplift.storage.user"),
				this.storage.get("uplift.storage.password"));
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			ResultSetMetaData meta = rs.getMetaData();
			List<List<Object>> rows = new ArrayList<>();
			while (rs.next()) {
				List<Object> row = new ArrayList<>();
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					Object value = rs.getObject(i);
					row.add((value instanceof Number number && !(value instanceof Double)) ? number.longValue()
							: value);
				}
				rows.add(row);
			}
			return rows;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Query failed: " + sql, ex);
		}
	}

	long count(String sql) {
		return (Long) rows(sql).get(0).get(0);
	}

}
