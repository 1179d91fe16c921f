package dev.uplift.scale;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples {@code pg_stat_activity} of one database every 20 ms from a connection of its
 * own: how many backends are in a transaction, and how many of them wait for a lock
 * (heavyweight locks: rows, advisory locks). The share of lock waits in transaction time
 * is the ratio of the two sums.
 */
final class LockWaitSampler implements AutoCloseable {

	private static final String SAMPLE = """
			SELECT CASE WHEN wait_event_type = 'Lock' THEN wait_event ELSE '' END, COUNT(*)
			FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
			  AND xact_start IS NOT NULL
			GROUP BY 1
			""";

	private static final long INTERVAL_NANOS = 20_000_000;

	private final Connection connection;

	private final Thread thread;

	private volatile boolean running = true;

	private long samples;

	private long inTransaction;

	private long waiting;

	private final Map<String, Long> waitsByLock = new TreeMap<>();

	LockWaitSampler(String url, String user, String password) throws SQLException {
		this.connection = DriverManager.getConnection(url, user, password);
		this.thread = new Thread(this::run, "lock-wait-sampler");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void run() {
		try (PreparedStatement sample = this.connection.prepareStatement(SAMPLE)) {
			while (this.running) {
				try (ResultSet rs = sample.executeQuery()) {
					synchronized (this) {
						this.samples++;
						while (rs.next()) {
							String lock = rs.getString(1);
							long backends = rs.getLong(2);
							this.inTransaction += backends;
							if (!lock.isEmpty()) {
								this.waiting += backends;
								this.waitsByLock.merge(lock, backends, Long::sum);
							}
						}
					}
				}
				LockSupport.parkNanos(INTERVAL_NANOS);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Sampling pg_stat_activity failed", ex);
		}
	}

	/** Lock waits as a share of the time backends spent in transactions, so far. */
	synchronized double lockWaitShare() {
		return (this.inTransaction == 0) ? 0 : (double) this.waiting / this.inTransaction;
	}

	/**
	 * Per kind of lock waited for ({@code wait_event}: advisory, extend, transactionid,
	 * tuple, ...), its share of transaction time.
	 */
	synchronized Map<String, String> lockWaitsByKind() {
		Map<String, String> shares = new TreeMap<>();
		this.waitsByLock.forEach((lock, count) -> shares.put(lock,
				String.format("%.1f %%", 100.0 * count / Math.max(1, this.inTransaction))));
		return shares;
	}

	/** Backends in a transaction at a sample, on average. */
	synchronized double transactionsInFlight() {
		return (this.samples == 0) ? 0 : (double) this.inTransaction / this.samples;
	}

	@Override
	public void close() throws Exception {
		this.running = false;
		this.thread.join();
		this.connection.close();
	}

}
