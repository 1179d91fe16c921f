package dev.uplift.storage;

import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pool's connections to the embedded file carry the settings of
 * {@link SqliteSettings}.
 */
class SqliteSettingsTests extends IntegrationTest {

	@Autowired
	private StorageProperties storage;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void poolConnectionsAreDurableMapTheFileAndLeaveCheckpointsToTheCheckpointer() {
		assumeTrue(this.storage.embedded(), "SQLite only");
		assertThat(this.jdbc.sql("PRAGMA synchronous").query(Integer.class).single()).isEqualTo(2);
		assertThat(this.jdbc.sql("PRAGMA wal_autocheckpoint").query(Integer.class).single()).isZero();
		assertThat(this.jdbc.sql("PRAGMA mmap_size").query(Long.class).single()).isGreaterThan(1L << 33);
	}

}
