package dev.uplift.tracking;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.uplift.project.ProjectContext;

/**
 * Events of one request waiting for the writer; the future completes after they are
 * committed. Either the writer takes a submission or its request abandons it, never both:
 * a request answered "not stored" is never committed later.
 *
 * @param project the project the events belong to
 * @param source collect or import
 * @param events the validated events, in processing order
 * @param outcome completed with the rejections (indexes into {@code events}) once
 * committed
 * @param state waiting, taken by the writer, or abandoned by its request
 */
record Submission(ProjectContext project, EventSource source, List<TrackingEvent> events,
		CompletableFuture<List<Rejection>> outcome, AtomicInteger state) {

	private static final int WAITING = 0;

	private static final int TAKEN = 1;

	private static final int ABANDONED = 2;

	Submission(ProjectContext project, EventSource source, List<TrackingEvent> events) {
		this(project, source, List.copyOf(events), new CompletableFuture<>(), new AtomicInteger(WAITING));
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
