package dev.uplift.tracking;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.uplift.project.ProjectContext;

/**
 * Events of one request waiting for the writer; the future completes after they are committed.
 *
 * @param project the project the events belong to
 * @param source collect or import
 * @param events the validated events, in processing order
 * @param outcome completed with the rejections (indexes into {@code events}) once committed
 */
record Submission(ProjectContext project, EventSource source, List<TrackingEvent> events,
		CompletableFuture<List<Rejection>> outcome) {

	Submission(ProjectContext project, EventSource source, List<TrackingEvent> events) {
		this(project, source, List.copyOf(events), new CompletableFuture<>());
	}

}
