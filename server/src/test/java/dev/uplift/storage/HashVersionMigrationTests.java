package dev.uplift.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Experiments that exist when V8 runs keep the first assignment scheme, so none of them
 * reshuffles.
 */
class HashVersionMigrationTests {

	@TempDir
	Path directory;

	@Test
	void migrationWhenExperimentsExistKeepsThemOnHashVersionOneSeededWithTheirKey() throws SQLException {
		String url = "jdbc:sqlite:" + this.directory.resolve("uplift.db");
		flyway(url, "7").migrate();
		try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
			sql.executeUpdate("INSERT INTO organizations (id, name, created_at) VALUES (1, 'Org', 0)");
			sql.executeUpdate("""
					INSERT INTO projects (id, organization_id, project_key, website_name, widget_name, allowed_website,
					                      created_at, updated_at)
					VALUES (1, 1, 'AbCdEfGhIjKlMnOpQrStUv', 'Site', 'Widget', 'https://example.com', 0, 0)""");
			sql.executeUpdate("""
					INSERT INTO experiments (id, project_id, experiment_key, test_name, created_at, updated_at)
					VALUES (1, 1, '1', 'Running before', 0, 0), (2, 1, 'checkout', 'Keyed before', 0, 0)""");
		}
		flyway(url, "latest").migrate();
		try (Connection connection = DriverManager.getConnection(url);
				Statement sql = connection.createStatement();
				ResultSet rows = sql.executeQuery("SELECT id, hash_version, hash_seed FROM experiments ORDER BY id")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getInt("hash_version")).isEqualTo(1);
			assertThat(rows.getString("hash_seed")).isEqualTo("1");
			assertThat(rows.next()).isTrue();
			assertThat(rows.getInt("hash_version")).isEqualTo(1);
			assertThat(rows.getString("hash_seed")).isEqualTo("checkout");
			assertThat(rows.next()).isFalse();
		}
	}

	private static Flyway flyway(String url, String target) {
		return Flyway.configure()
			.dataSource(url, null, null)
			.placeholders(Dialect.SQLITE.migrationPlaceholders())
			.target(target)
			.load();
	}

}
