package dev.uplift.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connection pool on the embedded SQLite file or on the configured PostgreSQL. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

	// WAL + synchronous=FULL: an acknowledged event survives power loss. IMMEDIATE transactions:
	// a read-then-write transaction from the pool otherwise fails with SQLITE_BUSY (stack-notes.md).
	// mmap_size: the writer's random index probes read the file through the shared OS page cache
	// instead of a read() per page missed in the connection's own cache (docs/performance.md).
	private static final String SQLITE_PRAGMAS = "?journal_mode=WAL&synchronous=FULL&busy_timeout=10000"
			+ "&foreign_keys=true&transaction_mode=IMMEDIATE&cache_size=-131072&wal_autocheckpoint=100000"
			+ "&mmap_size=8589934592";

	@Bean
	Dialect dialect(StorageProperties properties) {
		return Dialect.of(jdbcUrl(properties));
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(StorageProperties properties) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("uplift");
		config.setJdbcUrl(jdbcUrl(properties));
		if (!properties.user().isBlank()) {
			config.setUsername(properties.user());
		}
		if (!properties.password().isBlank()) {
			config.setPassword(properties.password());
		}
		config.setMaximumPoolSize(properties.poolSize());
		config.setConnectionTimeout(5_000);
		// Let the application start while PostgreSQL is still coming up; requests then fail with 503.
		config.setInitializationFailTimeout(-1);
		return new HikariDataSource(config);
	}

	@Bean
	FlywayConfigurationCustomizer dialectPlaceholders(Dialect dialect) {
		return (flyway) -> flyway.placeholders(dialect.migrationPlaceholders());
	}

	private static String jdbcUrl(StorageProperties properties) {
		if (!properties.embedded()) {
			return properties.url();
		}
		try {
			Files.createDirectories(properties.dataDir());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the data directory " + properties.dataDir(), ex);
		}
		return "jdbc:sqlite:" + properties.dataDir().resolve("uplift.db") + SQLITE_PRAGMAS;
	}

}
