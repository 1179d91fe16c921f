package dev.uplift.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.uplift.error.Unavailable;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The bounded queue in front of the one writer of this node (docs/architecture.md,
 * ingestion pipeline): requests wait here, the writer commits them in batches, one
 * transaction and one fsync per batch, and only then are the requests answered. Live
 * events (collect, SDKs) and imports wait in two lanes: a batch takes every live
 * submission waiting and at most one chunk of an import, so that a bulk import delays
 * live requests by the commit of one chunk at most (docs/operations.md, fair sharing).
 */
@Component
class IngestionPipeline implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(IngestionPipeline.class);

	/**
	 * A batch holding this many events when the writer takes it is committed without
	 * waiting out the batch window. The window gathers a trickle of small requests into
	 * one transaction; once requests queue up faster than the writer commits, each batch
	 * is large already and the wait only idles the writer (docs/performance.md).
	 */
	static final int NO_WAIT_EVENTS = 1_000;

	/**
	 * Wakes a writer waiting on an empty live lane when an import chunk arrives; carries
	 * no events.
	 */
	private static final Submission WAKE_UP = new Submission(null, EventSource.IMPORT, List.of());

	private final BlockingQueue<Submission> queue = new LinkedBlockingQueue<>();

	private final Queue<Submission> imports = new ConcurrentLinkedQueue<>();

	private final AtomicInteger pendingEvents = new AtomicInteger();

	private final IngestionWriter writer;

	private final TrackingProperties properties;

	private volatile boolean accepting;

	private volatile Thread thread;

	private volatile ExecutorService acknowledger;

	IngestionPipeline(IngestionWriter writer, TrackingProperties properties, MeterRegistry registry) {
		this.writer = writer;
		this.properties = properties;
		Gauge.builder("uplift.ingestion.queue", this.pendingEvents, AtomicInteger::get)
			.description("Events waiting for the ingestion writer")
			.register(registry);
	}

	/**
	 * Queues the events of one request; the future completes once they are durably
	 * committed.
	 * @throws Unavailable when the queue is full or the node is shutting down
	 */
	void submit(Submission submission) {
		int size = submission.events().size();
		if (!this.accepting) {
			throw new Unavailable("Uplift is shutting down; retry on another node or later",
					this.properties.retryAfterSeconds());
		}
		if (this.pendingEvents.addAndGet(size) > this.properties.queueCapacity()) {
			this.pendingEvents.addAndGet(-size);
			throw new Unavailable("Ingestion queue is full; retry after a pause", this.properties.retryAfterSeconds());
		}
		if (submission.source() == EventSource.IMPORT) {
			this.imports.add(submission);
			this.queue.add(WAKE_UP);
		}
		else {
			this.queue.add(submission);
		}
	}

	@Override
	public void start() {
		this.accepting = true;
		// Waking the requests of a batch (a futex wake each, and often a preempted
		// writer) took an eighth of the writer's time: its own thread does it while the
		// writer commits the next batch.
		this.acknowledger = Executors.newSingleThreadExecutor((task) -> {
			Thread acknowledging = new Thread(task, "uplift-acknowledger");
			acknowledging.setDaemon(true);
			return acknowledging;
		});
		Thread writerThread = new Thread(this::run, "uplift-writer");
		writerThread.setDaemon(false);
		this.thread = writerThread;
		writerThread.start();
	}

	/**
	 * Stops taking requests, then commits everything already queued before the database
	 * closes.
	 */
	@Override
	public void stop() {
		this.accepting = false;
		Thread writerThread = this.thread;
		if (writerThread == null) {
			return;
		}
		writerThread.interrupt();
		try {
			writerThread.join();
			this.acknowledger.shutdown();
			this.acknowledger.awaitTermination(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.thread = null;
		logger.info("Ingestion queue drained");
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	/**
	 * Stops after the web server has finished its in-flight requests (graceful shutdown).
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private void run() {
		while (this.accepting || !this.queue.isEmpty() || !this.imports.isEmpty()) {
			List<Submission> batch = new ArrayList<>();
			for (Submission submission : nextBatch()) {
				// Capacity counts waiting events: released before the requests complete,
				// so that a client answered 202 can send again at once.
				this.pendingEvents.addAndGet(-submission.events().size());
				if (submission.take()) {
					batch.add(submission);
				}
			}
			if (!batch.isEmpty()) {
				this.writer.write(batch, this.acknowledger);
			}
		}
	}

	/**
	 * The next batch: waits for a first submission, then takes what is queued live and
	 * one import chunk; when that is less than {@link #NO_WAIT_EVENTS}, sleeps out the
	 * rest of the batch window once and takes what came meanwhile. The writer is not
	 * woken by each submission (as a poll per submission would), which under many
	 * single-event requests cost a futex wake and a context switch per request.
	 */
	private List<Submission> nextBatch() {
		List<Submission> batch = new ArrayList<>();
		try {
			Submission first = (this.accepting && this.imports.isEmpty()) ? this.queue.take() : this.queue.poll();
			if (first != null && first != WAKE_UP) {
				batch.add(first);
			}
			long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.properties.batchMaxWaitMillis());
			int events = drain(batch, batch.isEmpty() ? 0 : first.events().size());
			Submission chunk = this.imports.poll();
			if (chunk != null) {
				batch.add(chunk);
				events += chunk.events().size();
			}
			long left = deadline - System.nanoTime();
			if (!batch.isEmpty() && events < Math.min(NO_WAIT_EVENTS, this.properties.batchMaxEvents()) && left > 0
					&& this.accepting) {
				TimeUnit.NANOSECONDS.sleep(left);
				drain(batch, events);
			}
		}
		catch (InterruptedException ex) {
			// Interrupted by stop(): the loop drains what is left without waiting.
			this.accepting = false;
		}
		return batch;
	}

	/**
	 * Moves queued submissions into the batch until it holds a full batch of events;
	 * returns its events.
	 */
	private int drain(List<Submission> batch, int events) {
		while (events < this.properties.batchMaxEvents()) {
			Submission next = this.queue.poll();
			if (next == null) {
				break;
			}
			if (next != WAKE_UP) {
				batch.add(next);
				events += next.events().size();
			}
		}
		return events;
	}

}
