package dev.uplift.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/** The connection pool on the embedded SQLite file or on the configured PostgreSQL. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

	private static final int PAGE_BYTES = 16_384;

	/**
	 * The embedded database's file in the data directory; SQLite keeps its -wal and -shm
	 * files beside it.
	 */
	static final String DATABASE_FILE = "uplift.db";

	@Bean
	Dialect dialect(StorageProperties properties) {
		return properties.embedded() ? Dialect.SQLITE : Dialect.of(properties.url());
	}

	/**
	 * Connections for writes: on SQLite every transaction here takes the write lock at
	 * BEGIN, which read-then-write transactions need.
	 */
	@Bean(destroyMethod = "close")
	HikariDataSource writePool(StorageProperties properties) {
		return pool("uplift", jdbcUrl(properties), properties, properties.poolSize());
	}

	/**
	 * Connections for read-only transactions: on SQLite they begin DEFERRED, so in WAL
	 * mode they read a consistent snapshot without waiting for the writer; on PostgreSQL
	 * the same database.
	 */
	@Bean(destroyMethod = "close")
	HikariDataSource readPool(StorageProperties properties, HikariDataSource writePool) {
		String url = writePool.getJdbcUrl();
		return pool("uplift-read",
				properties.embedded() ? url.replace("transaction_mode=IMMEDIATE", "transaction_mode=DEFERRED") : url,
				properties, properties.poolSize());
	}

	/**
	 * The embedded database's log checkpoints, on a connection of the read pool; none on
	 * PostgreSQL.
	 */
	@Bean
	@Conditional(EmbeddedDatabase.class)
	WalCheckpointer walCheckpointer(HikariDataSource readPool, WriteGate writeGate) {
		return new WalCheckpointer(readPool, writeGate);
	}

	@Bean
	WriteGate writeGate() {
		return new WriteGate();
	}

	/**
	 * The application's DataSource: read-only transactions
	 * ({@code @Transactional(readOnly = true)}) take a connection of the read pool,
	 * everything else one of the write pool, on the embedded database through the write
	 * gate.
	 */
	@Bean
	@Primary
	DataSource dataSource(HikariDataSource writePool, HikariDataSource readPool, Dialect dialect,
			StorageProperties properties, WriteGate writeGate) {
		DataSource writes = properties.embedded() ? new GatedDataSource(writePool, writeGate) : writePool;
		LazyConnectionDataSourceProxy routing = new LazyConnectionDataSourceProxy(writes);
		routing.setReadOnlyDataSource(readPool);
		// Known defaults spare the proxy a connection at start-up, when PostgreSQL may
		// still be down.
		routing.setDefaultAutoCommit(true);
		routing.setDefaultTransactionIsolation(dialect.defaultIsolation());
		return routing;
	}

	/**
	 * The database's health, checked on a connection of the read pool: through the
	 * application's DataSource the check took the write gate and waited for the writer's
	 * transactions, up to seconds during a big import (docs/operations.md, fair sharing).
	 * Takes the place of Spring Boot's check of every DataSource bean.
	 */
	@Bean
	HealthIndicator dbHealthIndicator(HikariDataSource readPool) {
		return new DataSourceHealthIndicator(readPool);
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
		// Let the application start while PostgreSQL is still coming up; requests then
		// fail with 503.
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
		Path database = properties.dataDir().resolve(DATABASE_FILE);
		try {
			PrivateFiles.directory(properties.dataDir());
			if (!Files.exists(database)) {
				PrivateFiles.createFile(database);
				create(database);
			}
			for (String suffix : new String[] { "", "-wal", "-shm" }) {
				PrivateFiles.restrict(properties.dataDir().resolve(DATABASE_FILE + suffix));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the data directory " + properties.dataDir(), ex);
		}
		return SqliteSettings.url(database);
	}

	/**
	 * Creates the embedded database file with pages of {@value #PAGE_BYTES} bytes: the
	 * writer's inserts land at the right edge of their B-trees, and larger pages mean
	 * fewer pages and log frames per batch (docs/performance.md). A page size is fixed
	 * once the file is in WAL mode, so it is set here, before; files created with another
	 * page size keep theirs.
	 */
	private static void create(Path database) {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
				Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA page_size = " + PAGE_BYTES);
			statement.execute("PRAGMA journal_mode = WAL");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the database " + database, ex);
		}
	}

	/**
	 * Whether the embedded SQLite file is used: no external database URL is configured.
	 */
	static final class EmbeddedDatabase implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return context.getEnvironment().getProperty("uplift.storage.url", "").isBlank();
		}

	}

}
