package dev.uplift.tracking;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.uplift.project.ProjectContext;

/**
 * Events of one request waiting for the writer; the future completes after they are
 * committed. Either the writer takes a submission or its request abandons it, never both:
 * a request answered "not stored" is never committed later.
 * <p>
 * A class rather than a record: a submission is one request in flight, equal only to
 * itself. A record's hash would hash every event it carries, on each map look-up of the
 * writer.
 */
final class Submission {

	private static final int WAITING = 0;

	private static final int TAKEN = 1;

	private static final int ABANDONED = 2;

	private final ProjectContext project;

	private final EventSource source;

	private final List<TrackingEvent> events;

	private final CompletableFuture<List<Rejection>> outcome = new CompletableFuture<>();

	private final AtomicInteger state = new AtomicInteger(WAITING);

	/**
	 * @param project the project the events belong to
	 * @param source collect or import
	 * @param events the validated events, in processing order
	 */
	Submission(ProjectContext project, EventSource source, List<TrackingEvent> events) {
		this.project = project;
		this.source = source;
		this.events = List.copyOf(events);
	}

	ProjectContext project() {
		return this.project;
	}

	EventSource source() {
		return this.source;
	}

	List<TrackingEvent> events() {
		return this.events;
	}

	/**
	 * Completed with the rejections (indexes into {@link #events()}) once committed.
	 */
	CompletableFuture<List<Rejection>> outcome() {
		return this.outcome;
	}

	/**
	 * Called by the writer before writing: false when the request already gave up on it.
	 */
	boolean take() {
		return this.state.compareAndSet(WAITING, TAKEN);
	}

	/**
	 * Called by a request that stops waiting: false when the writer already has it, so it
	 * must wait on.
	 */
	boolean abandon() {
		return this.state.compareAndSet(WAITING, ABANDONED);
	}

}
