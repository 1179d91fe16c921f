package dev.uplift.storage;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A fair lock that the ingestion writer holds for each of its transactions, so that the WAL
 * checkpointer can take a turn between two of them. SQLite's own wait for the write lock polls
 * with sleeps and rarely finds the gap between back-to-back batches; under steady load the log
 * would then never start over.
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

	/** Runs the work holding the gate, after whoever asked for it before, and returns its result. */
	public <T> T through(Supplier<T> work) {
		this.lock.lock();
		try {
			return work.get();
		}
		finally {
			this.lock.unlock();
		}
	}

}
