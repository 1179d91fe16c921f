package dev.uplift.storage;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A fair lock that every write connection of the embedded database holds while checked
 * out ({@link GatedDataSource}), so that the WAL checkpointer and control-plane writes
 * can take a turn between two transactions of the ingestion writer. SQLite's own wait for
 * the write lock polls with sleeps and rarely finds the gap between back-to-back batches;
 * under steady load the log would then never start over, and other writes would time out.
 */
public final class WriteGate {

	private final ReentrantLock lock = new ReentrantLock(true);

	/** Runs the work holding the gate, after whoever asked for it before. */
	public void through(Runnable work) {
		through(() -> {
			work.run();
			return null;
		});
	}

	/**
	 * Runs the work holding the gate, after whoever asked for it before, and returns its
	 * result.
	 */
	public <T> T through(Supplier<T> work) {
		lock();
		try {
			return work.get();
		}
		finally {
			unlock();
		}
	}

	void lock() {
		this.lock.lock();
	}

	void unlock() {
		this.lock.unlock();
	}

}
