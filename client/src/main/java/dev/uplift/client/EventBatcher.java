package dev.uplift.client;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import dev.uplift.client.SdkTransport.QueuedEvent;

/**
 * Queues events and sends them from one daemon thread in batches: a batch leaves when it
 * is full, when the flush interval has passed since its first event, or on
 * {@link #flush}; its events travel concurrently.
 */
final class EventBatcher {

	private static final System.Logger log = System.getLogger(UpliftClient.class.getName());

	private final BlockingQueue<Item> queue;

	private final Function<QueuedEvent, CompletableFuture<Void>> delivery;

	private final int maxBatchSize;

	private final long flushIntervalNanos;

	// Held shared while enqueuing and exclusively while closing, so no event slips in
	// behind the stop marker.
	private final ReadWriteLock closing = new ReentrantReadWriteLock();

	private boolean closed;

	EventBatcher(Function<QueuedEvent, CompletableFuture<Void>> delivery, int maxBatchSize, Duration flushInterval,
			int maxQueueSize) {
		this.queue = new LinkedBlockingQueue<>(maxQueueSize);
		this.delivery = delivery;
		this.maxBatchSize = maxBatchSize;
		this.flushIntervalNanos = flushInterval.toNanos();
		Thread worker = new Thread(this::run, "uplift-events");
		worker.setDaemon(true);
		worker.start();
	}

	/**
	 * Queues the event; false (logged) when the queue is full;
	 * {@link IllegalStateException} once closed.
	 */
	boolean add(QueuedEvent event) {
		this.closing.readLock().lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("The Uplift client is closed");
			}
			if (!this.queue.offer(event)) {
				log.log(Level.WARNING, "Dropped event {0}: the queue is full; the server is slow or unreachable",
						event.eventId());
				return false;
			}
			return true;
		}
		finally {
			this.closing.readLock().unlock();
		}
	}

	/**
	 * Blocks until every event queued before the call has been sent, refused or given up.
	 */
	void flush() {
		this.closing.readLock().lock();
		try {
			if (this.closed) {
				return;
			}
			awaitMarker(new Marker(false));
		}
		finally {
			this.closing.readLock().unlock();
		}
	}

	/** Sends what is queued and stops the worker; later calls return at once. */
	void close() {
		this.closing.writeLock().lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		finally {
			this.closing.writeLock().unlock();
		}
		awaitMarker(new Marker(true));
	}

	private void awaitMarker(Marker marker) {
		boolean interrupted = false;
		while (true) {
			try {
				this.queue.put(marker);
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		marker.done().join();
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private void run() {
		List<QueuedEvent> batch = new ArrayList<>();
		long deadline = 0;
		while (true) {
			Item item;
			try {
				item = batch.isEmpty() ? this.queue.take()
						: this.queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				// Nobody but close() may end this thread: it alone knows when the queue
				// is complete.
				continue;
			}
			if (item instanceof QueuedEvent event) {
				if (batch.isEmpty()) {
					deadline = System.nanoTime() + this.flushIntervalNanos;
				}
				batch.add(event);
				if (batch.size() < this.maxBatchSize) {
					continue;
				}
			}
			send(batch);
			if (item instanceof Marker marker) {
				marker.done().complete(null);
				if (marker.stop()) {
					return;
				}
			}
		}
	}

	private void send(List<QueuedEvent> batch) {
		try {
			CompletableFuture.allOf(batch.stream().map(this.delivery).toArray(CompletableFuture[]::new)).join();
		}
		catch (RuntimeException ex) {
			log.log(Level.ERROR, "Failed to send " + batch.size() + " events", ex);
		}
		batch.clear();
	}

	/** What the worker takes from the queue: an event or a marker. */
	interface Item {

	}

	/**
	 * Completed by the worker once every item before it is handled; {@code stop} ends the
	 * worker too.
	 */
	private record Marker(boolean stop, CompletableFuture<Void> done) implements Item {

		Marker(boolean stop) {
			this(stop, new CompletableFuture<>());
		}

	}

}
