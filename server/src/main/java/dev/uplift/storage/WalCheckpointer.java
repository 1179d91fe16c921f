package dev.uplift.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Copies the embedded database's write-ahead log back into the database file from a
 * thread of its own. SQLite otherwise does it inside a commit of the ingestion writer
 * once the log is long enough, and every request waiting for that commit waits for the
 * copy too: with the log limit at 400 MB, half a second now and then
 * (docs/performance.md). Connections are opened with {@code wal_autocheckpoint=0}. The
 * checkpoints here are PASSIVE: they never block the writer or readers. Under steady
 * writes a PASSIVE checkpoint never catches the log's end, and SQLite starts the log over
 * only when it does; so once the log holds {@link #RESTART_BYTES}, a RESTART checkpoint
 * takes its turn at the {@link WriteGate} between two of the writer's transactions,
 * copies the little that is left and starts the log over. The last connection to close
 * checkpoints whatever is left. The benchmark's raw-writer baseline runs it too.
 */
public class WalCheckpointer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(WalCheckpointer.class);

	static final Duration INTERVAL = Duration.ofMillis(200);

	/** Log length from which the log is started over. */
	static final long RESTART_BYTES = 64L << 20;

	/** How long a RESTART checkpoint waits for other connections' writes and reads. */
	static final Duration RESTART_PATIENCE = Duration.ofMillis(250);

	/**
	 * The connections' own busy timeout ({@code busy_timeout} in StorageConfiguration's
	 * URL).
	 */
	static final Duration CONNECTION_BUSY_TIMEOUT = Duration.ofSeconds(10);

	private final DataSource connections;

	private volatile Thread thread;

	private final WriteGate gate;

	private final long restartBytes;

	private long pageBytes;

	/**
	 * Checkpoints on connections of this data source, which must be the embedded SQLite
	 * file's; RESTART checkpoints take their turn at the gate the writer passes for each
	 * transaction.
	 */
	public WalCheckpointer(DataSource connections, WriteGate gate) {
		this(connections, gate, RESTART_BYTES);
	}

	/** As above, starting the log over once it holds {@code restartBytes}. */
	WalCheckpointer(DataSource connections, WriteGate gate, long restartBytes) {
		this.connections = connections;
		this.gate = gate;
		this.restartBytes = restartBytes;
	}

	@Override
	public void start() {
		Thread checkpointer = new Thread(this::run, "uplift-checkpointer");
		checkpointer.setDaemon(true);
		this.thread = checkpointer;
		checkpointer.start();
	}

	/**
	 * Stops after the ingestion writer (a lower phase stops later): its last commits are
	 * checkpointed on close.
	 */
	@Override
	public void stop() {
		Thread checkpointer = this.thread;
		this.thread = null;
		if (checkpointer != null) {
			checkpointer.interrupt();
			try {
				checkpointer.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 8192;
	}

	private void run() {
		while (this.thread == Thread.currentThread()) {
			try {
				Thread.sleep(INTERVAL.toMillis());
				checkpoint();
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (SQLException | RuntimeException ex) {
				logger.warn("WAL checkpoint failed; retrying: {}", ex.toString());
			}
		}
	}

	/**
	 * Starts the log over, between two write transactions (every write connection holds
	 * the gate). A long read is waited for only briefly; the next tick tries again.
	 */
	private static void restart(Statement statement) {
		try {
			statement.execute("PRAGMA busy_timeout = " + RESTART_PATIENCE.toMillis());
			try {
				statement.execute("PRAGMA wal_checkpoint(RESTART)");
			}
			finally {
				statement.execute("PRAGMA busy_timeout = " + CONNECTION_BUSY_TIMEOUT.toMillis());
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("WAL restart failed", ex);
		}
	}

	private void checkpoint() throws SQLException {
		try (Connection connection = this.connections.getConnection();
				Statement statement = connection.createStatement()) {
			if (this.pageBytes == 0) {
				try (ResultSet result = statement.executeQuery("PRAGMA page_size")) {
					result.next();
					this.pageBytes = result.getLong(1);
				}
			}
			long frames;
			try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
				result.next();
				frames = result.getLong(2);
			}
			if (frames * this.pageBytes >= this.restartBytes) {
				this.gate.through(() -> restart(statement));
			}
		}
	}

}
