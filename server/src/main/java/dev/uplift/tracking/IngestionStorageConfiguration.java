package dev.uplift.tracking;

import dev.uplift.storage.Dialect;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The writer's statements and locks for the configured database: one project's
 * transactions in turn on SQLite, concurrently on PostgreSQL (docs/scaling.md).
 */
@Configuration(proxyBeanMethods = false)
class IngestionStorageConfiguration {

	/**
	 * Ordinals a PostgreSQL node takes for an experiment at once: a stopped node leaves
	 * at most this many unused.
	 */
	static final int ORDINAL_BLOCK = 1_024;

	@Bean
	JdbcIngestionRepository ingestionRepository(Dialect dialect, JdbcClient jdbc, JdbcTemplate template) {
		if (dialect == Dialect.POSTGRESQL) {
			return new PostgresIngestionRepository(jdbc, template);
		}
		return new JdbcIngestionRepository(jdbc, template);
	}

	@Bean
	IngestionLocks ingestionLocks(Dialect dialect, JdbcIngestionRepository repository, JdbcTemplate template,
			PlatformTransactionManager transactions) {
		if (dialect == Dialect.POSTGRESQL) {
			return new VisitorLocks(template, new OrdinalBlocks(ORDINAL_BLOCK, template, transactions));
		}
		return new ProjectRowLocks(repository);
	}

}
