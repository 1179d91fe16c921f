package dev.uplift.results;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.storage.Dialect;
import dev.uplift.tracking.IngestionCommitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The segment indexes of this node, one per experiment asked for a segment: built from
 * the committed rows on first use, kept exact, and used only when exact; otherwise the
 * caller scans (docs/architecture.md, segment index).
 * <p>
 * On SQLite, the one writer's transactions commit in the order of the project's
 * {@code write_seq}: an index is kept by re-reading the rows each committed transaction
 * touched, and a query uses it only when the database's {@code write_seq}, read under the
 * index's lock, is the one it reflects. A gap in the sequence (a lost notification, a
 * deletion) makes the index rebuild.
 * <p>
 * On PostgreSQL, writers of one project commit concurrently on every node, and no
 * sequence orders them. An index holds one database snapshot's rows exactly; a query
 * first brings it to a newer snapshot by the rows written since the older one's xmin
 * ({@code changed_xid}, V27), whichever node wrote them. A deletion moves
 * {@code write_seq} and makes the index rebuild.
 */
@Component
class SegmentIndex implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SegmentIndex.class);

	/** The least time between two builds of one experiment's index. */
	private static final long REBUILD_INTERVAL_MILLIS = 10_000;

	/**
	 * How long an index may lag the database with no notification pending before it is
	 * rebuilt.
	 */
	private static final long LAG_TOLERANCE_MILLIS = 1_000;

	/**
	 * The most committed transactions whose keys wait to be read; past it the indexes
	 * rebuild instead.
	 */
	private static final int MAX_PENDING = 10_000;

	/**
	 * The most experiments indexed at once (about 10 MB of heap per million visitors
	 * each); the least recently asked is dropped.
	 */
	private static final int MAX_INDEXES = 16;

	private final JdbcSegmentIndexRepository repository;

	private final TransactionTemplate current;

	private final TransactionTemplate snapshot;

	private final Clock clock;

	private final ExecutorService maintainer = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "segment-index");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<Long, Holder> holders = new ConcurrentHashMap<>();

	private final boolean ordered;

	private final AtomicLong pending = new AtomicLong();

	SegmentIndex(JdbcSegmentIndexRepository repository, PlatformTransactionManager transactions, Dialect dialect,
			Clock clock) {
		this.repository = repository;
		this.clock = clock;
		this.current = new TransactionTemplate(transactions);
		this.current.setReadOnly(true);
		this.current.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setReadOnly(true);
		this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		// On PostgreSQL writers of one project commit concurrently (docs/scaling.md): no
		// write_seq orders them, and indexes catch up by snapshots instead.
		this.ordered = dialect != Dialect.POSTGRESQL;
		// SQLite's read transaction is a snapshot already; PostgreSQL's needs asking.
		this.snapshot.setIsolationLevel((dialect == Dialect.POSTGRESQL)
				? TransactionDefinition.ISOLATION_REPEATABLE_READ : TransactionDefinition.ISOLATION_DEFAULT);
	}

	/**
	 * The segment's counts from the index when it is current and can answer exactly;
	 * empty otherwise (the index is then built or rebuilt in the background).
	 */
	Optional<SegmentCounts> count(ExperimentSnapshot experiment, Long goalId, EntryWindow window, ZoneId zone,
			SegmentQuery query) {
		Attempt attempt = attempt(experiment, goalId, window, zone, query);
		return attempt.current() ? attempt.counts() : Optional.empty();
	}

	/**
	 * Like {@link #count}, but waits up to the timeout for the index to be built and
	 * current; empty when it cannot answer the query exactly.
	 */
	Optional<SegmentCounts> countWhenCurrent(ExperimentSnapshot experiment, Long goalId, EntryWindow window,
			ZoneId zone, SegmentQuery query, long timeoutMillis) throws InterruptedException {
		long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
		while (true) {
			Attempt attempt = attempt(experiment, goalId, window, zone, query);
			if (attempt.current()) {
				return attempt.counts();
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Index of experiment " + experiment.testId() + " not current");
			}
			Thread.sleep(10);
		}
	}

	private Attempt attempt(ExperimentSnapshot experiment, Long goalId, EntryWindow window, ZoneId zone,
			SegmentQuery query) {
		Holder holder = this.holders.computeIfAbsent(experiment.testId(), (id) -> new Holder());
		holder.usedAt = this.clock.millis();
		if (!this.ordered) {
			return caughtUp(holder, experiment, goalId, window, zone, query);
		}
		holder.lock.readLock().lock();
		try {
			ExperimentIndex index = holder.index;
			if (index == null) {
				scheduleBuild(holder, experiment);
				return Attempt.NOT_CURRENT;
			}
			long writeSeq = this.current.execute((status) -> this.repository.writeSeq(experiment.projectId()));
			if (index.writeSeq() != writeSeq) {
				if (holder.lagging(index.writeSeq(), this.pending.get() == 0, this.clock.millis())) {
					scheduleBuild(holder, experiment);
				}
				return Attempt.NOT_CURRENT;
			}
			return new Attempt(true, index.count(goalId, window, zone, query));
		}
		finally {
			holder.lock.readLock().unlock();
		}
	}

	/**
	 * PostgreSQL: brings the index to a snapshot taken now, then counts on it. Between
	 * the two, only another catch-up changes the index, to a later snapshot still.
	 */
	private Attempt caughtUp(Holder holder, ExperimentSnapshot experiment, Long goalId, EntryWindow window, ZoneId zone,
			SegmentQuery query) {
		ExperimentIndex index;
		holder.lock.writeLock().lock();
		try {
			index = holder.index;
			if (index == null || holder.broken) {
				scheduleBuild(holder, experiment);
				return Attempt.NOT_CURRENT;
			}
			if (!catchUp(index)) {
				holder.broken = true;
				scheduleBuild(holder, experiment);
				return Attempt.NOT_CURRENT;
			}
			holder.lock.readLock().lock();
		}
		finally {
			holder.lock.writeLock().unlock();
		}
		try {
			return new Attempt(true, index.count(goalId, window, zone, query));
		}
		finally {
			holder.lock.readLock().unlock();
		}
	}

	/**
	 * Reads what was written since the index's snapshot; false when the index must be
	 * rebuilt instead (rows were deleted, or the reading failed half-way).
	 */
	private boolean catchUp(ExperimentIndex index) {
		try {
			return Boolean.TRUE.equals(this.snapshot.execute((status) -> {
				if (this.repository.writeSeq(index.projectId()) != index.writeSeq()) {
					return false;
				}
				long xmin = this.repository.snapshotXmin();
				this.repository.loadChangedSince(index, index.snapshotXmin());
				index.caughtUpTo(xmin);
				return true;
			}));
		}
		catch (RuntimeException ex) {
			logger.warn("Segment index of experiment {} not caught up, rebuilding: {}", index.testId(), ex.toString());
			return false;
		}
	}

	/**
	 * Queues the keys of a committed ingestion transaction for the indexes; runs after
	 * the commit, in the writer's thread, so it only hands over. PostgreSQL's indexes
	 * catch up by themselves.
	 */
	@TransactionalEventListener
	void committed(IngestionCommitted event) {
		if (!this.ordered || this.holders.isEmpty()) {
			return;
		}
		if (this.pending.get() >= MAX_PENDING) {
			// Too far behind to queue more: rebuild from the rows instead.
			this.holders.values().forEach((holder) -> holder.broken = true);
			return;
		}
		this.pending.incrementAndGet();
		submit(() -> {
			try {
				apply(event);
			}
			catch (RuntimeException ex) {
				logger.warn("Segment indexes not kept for a batch, rebuilding: {}", ex.toString());
				this.holders.values().forEach((holder) -> holder.broken = true);
			}
			finally {
				this.pending.decrementAndGet();
			}
		});
	}

	private void apply(IngestionCommitted event) {
		Map<Long, Set<String>> entries = new HashMap<>();
		event.entries()
			.forEach((key) -> entries.computeIfAbsent(key.testId(), (id) -> new HashSet<>()).add(key.visitorId()));
		Map<Long, Map<Long, Set<String>>> conversions = new HashMap<>();
		event.conversions()
			.forEach((key) -> conversions.computeIfAbsent(key.testId(), (id) -> new HashMap<>())
				.computeIfAbsent(key.goalId(), (id) -> new HashSet<>())
				.add(key.visitorId()));
		for (Holder holder : this.holders.values()) {
			ExperimentIndex index = holder.index;
			Long writeSeq = (index != null) ? event.writeSeqs().get(index.projectId()) : null;
			if (writeSeq == null || index.writeSeq() >= writeSeq) {
				continue;
			}
			if (index.writeSeq() != writeSeq - 1) {
				holder.broken = true;
				continue;
			}
			holder.lock.writeLock().lock();
			try {
				// Rows read now may already hold a later transaction's changes: the index
				// then lags the database's write_seq, and is not used, until that
				// transaction's keys are read too.
				Set<String> entered = entries.get(index.testId());
				if (entered != null) {
					this.repository.loadEntries(index, entered);
				}
				conversions.getOrDefault(index.testId(), Map.of())
					.forEach((goalId, visitors) -> this.repository.loadConversions(index, goalId, visitors));
				index.advanceTo(writeSeq);
			}
			finally {
				holder.lock.writeLock().unlock();
			}
		}
	}

	private void scheduleBuild(Holder holder, ExperimentSnapshot experiment) {
		long now = this.clock.millis();
		if (holder.index != null && now - holder.builtAt < REBUILD_INTERVAL_MILLIS) {
			return;
		}
		if (!holder.scheduled.compareAndSet(false, true)) {
			return;
		}
		evictLeastRecentlyUsed(experiment.testId());
		submit(() -> {
			try {
				ExperimentIndex built = this.snapshot.execute((status) -> {
					ExperimentIndex index = new ExperimentIndex(experiment.testId(), experiment.projectId(),
							experiment.variants().size(), this.repository.writeSeq(experiment.projectId()));
					if (!this.ordered) {
						index.caughtUpTo(this.repository.snapshotXmin());
					}
					this.repository.load(index);
					return index;
				});
				built.optimize();
				holder.lock.writeLock().lock();
				try {
					holder.index = built;
					holder.broken = false;
					holder.builtAt = this.clock.millis();
				}
				finally {
					holder.lock.writeLock().unlock();
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Segment index of experiment {} not built: {}", experiment.testId(), ex.toString());
			}
			finally {
				holder.scheduled.set(false);
			}
		});
	}

	/**
	 * Keeps at most {@link #MAX_INDEXES} experiments indexed: the heap holds each index
	 * whole.
	 */
	private void evictLeastRecentlyUsed(long building) {
		while (this.holders.size() > MAX_INDEXES) {
			this.holders.entrySet()
				.stream()
				.filter((entry) -> entry.getKey() != building)
				.min(Comparator.comparingLong((Map.Entry<Long, Holder> entry) -> entry.getValue().usedAt))
				.ifPresent((entry) -> this.holders.remove(entry.getKey()));
		}
	}

	/**
	 * Hands a task to the maintainer; once it is shut down (the node stopping), the
	 * indexes are dropped instead.
	 */
	private void submit(Runnable task) {
		try {
			this.maintainer.execute(task);
		}
		catch (RejectedExecutionException ex) {
			this.holders.clear();
			this.pending.set(0);
		}
	}

	@Override
	public void destroy() {
		this.maintainer.shutdownNow();
	}

	/** One experiment's index and what decides when to rebuild it. */
	private static final class Holder {

		final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

		final AtomicBoolean scheduled = new AtomicBoolean();

		volatile ExperimentIndex index;

		volatile boolean broken;

		volatile long builtAt;

		volatile long usedAt;

		private long lagSeq = -1;

		private long lagSince;

		/**
		 * Whether an index found behind the database at writeSeq is to be rebuilt: it
		 * missed a transaction, or has stayed behind with nothing pending (another node's
		 * writes) for a while.
		 */
		synchronized boolean lagging(long writeSeq, boolean nothingPending, long now) {
			if (this.broken) {
				return true;
			}
			if (!nothingPending || writeSeq != this.lagSeq) {
				this.lagSeq = nothingPending ? writeSeq : -1;
				this.lagSince = now;
				return false;
			}
			return now - this.lagSince > LAG_TOLERANCE_MILLIS;
		}

	}

	/** The outcome of asking an index: whether it was current, and its counts if so. */
	private record Attempt(boolean current, Optional<SegmentCounts> counts) {

		static final Attempt NOT_CURRENT = new Attempt(false, Optional.empty());

	}

}
