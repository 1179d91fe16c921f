package dev.uplift.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write from another thread, here a single autocommitted statement as an API key's last
 * use, gets its turn between the back-to-back transactions of a busy writer instead of
 * waiting out SQLite's busy timeout (short here, 300 ms) and failing with SQLITE_BUSY.
 */
class GatedDataSourceTests {

	private static final String PRAGMAS = "?journal_mode=WAL&synchronous=NORMAL&transaction_mode=IMMEDIATE"
			+ "&busy_timeout=300";

	@Test
	void writesOfOtherThreadsTakeTurnsWithABusyWriter(@TempDir Path dir) throws Exception {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:sqlite:" + dir.resolve("gated.db") + PRAGMAS);
		config.setMaximumPoolSize(2);
		try (HikariDataSource pool = new HikariDataSource(config)) {
			GatedDataSource writes = new GatedDataSource(pool, new WriteGate());
			try (Connection connection = writes.getConnection(); Statement ddl = connection.createStatement()) {
				ddl.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
				ddl.execute("CREATE TABLE uses (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
				ddl.execute("INSERT INTO uses (id, n) VALUES (1, 0)");
			}
			AtomicBoolean writing = new AtomicBoolean(true);
			AtomicLong transactions = new AtomicLong();
			Thread writer = new Thread(() -> {
				while (writing.get()) {
					transaction(writes);
					transactions.incrementAndGet();
				}
			});
			writer.start();
			try {
				for (int use = 0; use < 10; use++) {
					long before = transactions.get();
					try (Connection connection = writes.getConnection();
							Statement update = connection.createStatement()) {
						update.executeUpdate("UPDATE uses SET n = n + 1 WHERE id = 1");
					}
					// The writer keeps going between these uses: its transactions really
					// are
					// back to back. Waiting for its next commit, rather than a fixed
					// pause,
					// keeps a slow machine from reading the count too early.
					assertThat(awaitBeyond(transactions, before)).isGreaterThan(before);
				}
			}
			finally {
				writing.set(false);
				writer.join();
			}
			try (Connection connection = pool.getConnection(); Statement query = connection.createStatement()) {
				assertThat(query.executeQuery("SELECT n FROM uses").getLong(1)).isEqualTo(10);
			}
		}
	}

	@Test
	void aConnectionEqualsOnlyItselfAndReleasesTheGateOnceWhenClosedTwice(@TempDir Path dir) throws Exception {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:sqlite:" + dir.resolve("closed.db") + PRAGMAS);
		config.setMaximumPoolSize(2);
		WriteGate gate = new WriteGate();
		try (HikariDataSource pool = new HikariDataSource(config)) {
			GatedDataSource writes = new GatedDataSource(pool, gate);
			Connection first = writes.getConnection();
			assertThat(first).isEqualTo(first).hasSameHashCodeAs(first);
			first.close();
			first.close();
			// Released exactly once: taken again and released, the gate is free for
			// another thread.
			writes.getConnection().close();
			Thread other = new Thread(() -> gate.through(() -> {
			}));
			other.start();
			other.join(TimeUnit.SECONDS.toMillis(10));
			assertThat(other.isAlive()).isFalse();
			try (Connection second = writes.getConnection()) {
				assertThat(second).isNotEqualTo(first);
			}
		}
	}

	private static long awaitBeyond(AtomicLong count, long before) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (count.get() <= before && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(5);
		}
		return count.get();
	}

	/**
	 * A transaction of the writer: a few rows, then a commit, with the next one right
	 * behind.
	 */
	private static void transaction(GatedDataSource writes) {
		try (Connection connection = writes.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement insert = connection.createStatement()) {
				for (int row = 0; row < 20; row++) {
					insert.executeUpdate("INSERT INTO events (body) VALUES ('" + "x".repeat(200) + "')");
				}
			}
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
