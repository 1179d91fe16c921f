package dev.uplift.storage;

import java.nio.file.Path;

/**
 * The connection settings of the embedded SQLite file, in one place: the server's pool
 * uses them, and so do the benchmarks' baselines, which must measure the same database
 * (docs/performance.md).
 */
public final class SqliteSettings {

	// WAL + synchronous=FULL: an acknowledged event survives power loss. IMMEDIATE
	// transactions: a read-then-write transaction from the pool otherwise fails with
	// SQLITE_BUSY (docs/architecture.md, facts the code relies on).
	// mmap_size: the writer's random index probes read the file through the shared OS
	// page cache instead of a read() per page missed in the connection's own cache
	// (docs/performance.md).
	// The whole file, whatever its size: with 8 GB, a 10 M-visitor database (10 GB) read
	// its newest pages, those the writer touches most, with a read() each.
	private static final long MMAP_BYTES = 1L << 40;

	private static final String PARAMETERS = "?journal_mode=WAL&synchronous=FULL&busy_timeout="
			+ WalCheckpointer.CONNECTION_BUSY_TIMEOUT.toMillis()
			+ "&foreign_keys=true&transaction_mode=IMMEDIATE&cache_size=-131072&mmap_size=" + MMAP_BYTES;

	private SqliteSettings() {
	}

	/**
	 * The JDBC URL of the server's connections to the file. Checkpoints are left to the
	 * caller: the server's {@link WalCheckpointer} runs them from its own thread.
	 */
	public static String url(Path database) {
		return url(database, 0);
	}

	/**
	 * The same settings, with SQLite's own checkpoint every {@code autoCheckpointPages}
	 * pages (0: never).
	 */
	public static String url(Path database, int autoCheckpointPages) {
		return "jdbc:sqlite:" + database + PARAMETERS + "&wal_autocheckpoint=" + autoCheckpointPages;
	}

}
