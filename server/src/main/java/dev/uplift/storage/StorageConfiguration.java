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
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/** The connection pool on the embedded SQLite file or on the configured PostgreSQL. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

	// WAL + synchronous=FULL: an acknowledged event survives power loss. IMMEDIATE transactions:
	// a read-then-write transaction from the pool otherwise fails with SQLITE_BUSY (stack-notes.md).
	// wal_autocheckpoint=0: WalCheckpointer copies the log back from its own thread.
	// mmap_size: the writer's random index probes read the file through the shared OS page cache
	// instead of a read() per page missed in the connection's own cache (docs/performance.md).
	private static final String SQLITE_PRAGMAS = "?journal_mode=WAL&synchronous=FULL&busy_timeout="
			+ WalCheckpointer.CONNECTION_BUSY_TIMEOUT.toMillis()
			+ "&foreign_keys=true&transaction_mode=IMMEDIATE&cache_size=-131072&wal_autocheckpoint=0"
			+ "&mmap_size=8589934592";

	@Bean
	Dialect dialect(StorageProperties properties) {
		return Dialect.of(jdbcUrl(properties));
	}

	/**
	 * Connections for writes: on SQLite every transaction here takes the write lock at BEGIN, which
	 * read-then-write transactions need.
	 */
	@Bean(destroyMethod = "close")
	HikariDataSource writePool(StorageProperties properties) {
		return pool("uplift", jdbcUrl(properties), properties, properties.poolSize());
	}

	/**
	 * Connections for read-only transactions: on SQLite they begin DEFERRED, so in WAL mode they
	 * read a consistent snapshot without waiting for the writer; on PostgreSQL the same database.
	 */
	@Bean(destroyMethod = "close")
	HikariDataSource readPool(StorageProperties properties) {
		String url = jdbcUrl(properties);
		return pool("uplift-read",
				properties.embedded() ? url.replace("transaction_mode=IMMEDIATE", "transaction_mode=DEFERRED") : url,
				properties, properties.poolSize());
	}

	/** The embedded database's log checkpoints, on a connection of the read pool; none on PostgreSQL. */
	@Bean
	WalCheckpointer walCheckpointer(StorageProperties properties, HikariDataSource readPool, WriteGate writeGate) {
		return properties.embedded() ? new WalCheckpointer(readPool, writeGate) : null;
	}

	@Bean
	WriteGate writeGate() {
		return new WriteGate();
	}

	/**
	 * The application's DataSource: read-only transactions ({@code @Transactional(readOnly = true)})
	 * take a connection of the read pool, everything else one of the write pool, on the embedded
	 * database through the write gate.
	 */
	@Bean
	@Primary
	DataSource dataSource(HikariDataSource writePool, HikariDataSource readPool, Dialect dialect,
			StorageProperties properties, WriteGate writeGate) {
		DataSource writes = properties.embedded() ? new GatedDataSource(writePool, writeGate) : writePool;
		LazyConnectionDataSourceProxy routing = new LazyConnectionDataSourceProxy(writes);
		routing.setReadOnlyDataSource(readPool);
		// Known defaults spare the proxy a connection at start-up, when PostgreSQL may still be down.
		routing.setDefaultAutoCommit(true);
		routing.setDefaultTransactionIsolation(dialect.defaultIsolation());
		return routing;
	}

	private static HikariDataSource pool(String name, String url, StorageProperties properties, int size) {
		HikariConfig config = new HikariConfig();
		config.setPoolName(name);
		config.setJdbcUrl(url);
		if (!properties.user().isBlank()) {
			config.setUsername(properties.user());
		}
		if (!properties.password().isBlank()) {
			config.setPassword(properties.password());
		}
		config.setMaximumPoolSize(size);
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
