package dev.uplift.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under writes that never pause, PASSIVE checkpoints never catch the log's end and SQLite
 * never starts the log over by itself: the RESTART checkpoint, let in between two
 * transactions by the write gate, is what keeps the log file bounded.
 */
class WalRestartTests {

	private static final String PRAGMAS = "?journal_mode=WAL&synchronous=FULL&wal_autocheckpoint=0" + "&busy_timeout="
			+ WalCheckpointer.CONNECTION_BUSY_TIMEOUT.toMillis();

	private static final int ROW_BYTES = 2_000;

	/**
	 * Data written at least: many checkpoint intervals of writing, far more than a log
	 * restarted at 1 MB.
	 */
	private static final long WRITTEN_BYTES = 192L << 20;

	/**
	 * Data the checkpoints must have copied into the database file before writing stops.
	 */
	private static final long CHECKPOINTED_BYTES = 16L << 20;

	/**
	 * Writing stops here whatever happened, so that a checkpointer that never runs fails
	 * the test.
	 */
	private static final long MOST_BYTES = 512L << 20;

	@Test
	void theLogStartsOverAndStaysFarShorterThanWithPassiveCheckpointsAlone(@TempDir Path dir) throws Exception {
		long passiveOnly = logBytesAfterSteadyWrites(dir.resolve("passive.db"), Long.MAX_VALUE);
		long restarting = logBytesAfterSteadyWrites(dir.resolve("restarting.db"), 1L << 20);
		assertThat(passiveOnly).as("without restarts the log holds about all that was written")
			.isGreaterThan(WRITTEN_BYTES / 2);
		// The log's high-water mark is what is written between restarts: a few intervals'
		// worth.
		assertThat(restarting).isLessThan(passiveOnly / 2);
	}

	private static long logBytesAfterSteadyWrites(Path database, long restartBytes) throws Exception {
		String url = "jdbc:sqlite:" + database + PRAGMAS;
		SingleConnectionDataSource checkpoints = new SingleConnectionDataSource(url, true);
		SingleConnectionDataSource writes = new SingleConnectionDataSource(url, true);
		WriteGate gate = new WriteGate();
		WalCheckpointer checkpointer = new WalCheckpointer(checkpoints, gate, restartBytes);
		try (Connection connection = writes.getConnection()) {
			try (Statement ddl = connection.createStatement()) {
				ddl.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
			}
			checkpointer.start();
			connection.setAutoCommit(false);
			write(connection, database, gate);
		}
		finally {
			checkpointer.stop();
		}
		assertThat(Files.size(database)).as("checkpointed into the database file").isGreaterThan(CHECKPOINTED_BYTES);
		long logBytes = Files.size(Path.of(database + "-wal"));
		checkpoints.destroy();
		writes.destroy();
		return logBytes;
	}

	private static void transaction(Connection connection, PreparedStatement insert, byte[] body) {
		try {
			for (int row = 0; row < 50; row++) {
				insert.setBytes(1, body);
				insert.executeUpdate();
			}
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Small transactions back to back, so that the log grows while checkpoints run, until
	 * enough is written and the checkpoints have copied a good part of it into the
	 * database file.
	 */
	private static void write(Connection connection, Path database, WriteGate gate) throws Exception {
		byte[] body = new byte[ROW_BYTES];
		long written = 0;
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO rows (body) VALUES (?)")) {
			while (written < MOST_BYTES && (written < WRITTEN_BYTES || Files.size(database) <= CHECKPOINTED_BYTES)) {
				// As the ingestion writer does: each transaction through the gate.
				gate.through(() -> transaction(connection, insert, body));
				written += 50L * ROW_BYTES;
			}
		}
	}

}
