package dev.uplift.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The database the integration tests run on: SQLite by default, PostgreSQL when
 * {@code UPLIFT_TEST_DATABASE=postgresql}. Each Spring context gets a database of its
 * own, created here and dropped when the JVM exits.
 */
public final class TestDatabase {

	private static final String ADMIN_URL = env("UPLIFT_TEST_PG_URL", "jdbc:postgresql://localhost:5432/postgres");

	private static final String USER = env("UPLIFT_TEST_PG_USER", "uplift");

	private static final String PASSWORD = env("UPLIFT_TEST_PG_PASSWORD", "uplift");

	private TestDatabase() {
	}

	public static boolean postgresql() {
		return "postgresql".equalsIgnoreCase(System.getenv("UPLIFT_TEST_DATABASE"));
	}

	/**
	 * Whether the tests may run: always on SQLite; on PostgreSQL when it answers (in CI
	 * it must).
	 */
	public static String unavailableReason() {
		if (!postgresql()) {
			return null;
		}
		try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD)) {
			return null;
		}
		catch (SQLException ex) {
			String reason = "PostgreSQL not reachable at " + ADMIN_URL + " as " + USER + ": " + ex.getMessage();
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(reason + " (CI=true: the PostgreSQL tests must run)", ex);
			}
			return reason;
		}
	}

	/**
	 * Storage properties of a fresh, empty database: none on SQLite (the data directory
	 * decides).
	 */
	public static Map<String, String> freshStorage() {
		if (!postgresql()) {
			return Map.of();
		}
		String name = "uplift_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		execute("CREATE DATABASE " + name);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
		String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name.toLowerCase(Locale.ROOT);
		return Map.of("uplift.storage.url", url, "uplift.storage.user", USER, "uplift.storage.password", PASSWORD);
	}

	/**
	 * Drops the database: plainly first, which stops an autovacuum worker still on it (a
	 * forced drop would try to terminate that worker, which a role without
	 * {@code pg_signal_backend} may not); then by force, for sessions still open.
	 */
	private static void drop(String name) {
		try {
			execute("DROP DATABASE IF EXISTS " + name);
		}
		catch (IllegalStateException ex) {
			execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on " + ADMIN_URL, ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
