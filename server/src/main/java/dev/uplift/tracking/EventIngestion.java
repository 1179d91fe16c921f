package dev.uplift.tracking;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.uplift.project.ProjectContext;
import dev.uplift.web.ApiException;

import org.springframework.stereotype.Service;

/** Hands validated events to the pipeline and waits until they are committed: the only way events are stored. */
@Service
class EventIngestion {

	private static final long COMMIT_TIMEOUT_SECONDS = 60;

	private final IngestionPipeline pipeline;

	private final TrackingProperties properties;

	EventIngestion(IngestionPipeline pipeline, TrackingProperties properties) {
		this.pipeline = pipeline;
		this.properties = properties;
	}

	/** Commits the events, returning those rejected (indexes into {@code events}); 503 if not committed. */
	List<Rejection> ingest(ProjectContext project, EventSource source, List<TrackingEvent> events) {
		if (events.isEmpty()) {
			return List.of();
		}
		return await(submit(project, source, events));
	}

	/** Queues the events without waiting; complete with {@link #await}. */
	CompletableFuture<List<Rejection>> submit(ProjectContext project, EventSource source, List<TrackingEvent> events) {
		return this.pipeline.submit(new Submission(project, source, events));
	}

	List<Rejection> await(CompletableFuture<List<Rejection>> outcome) {
		try {
			return outcome.get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new ApiException.Unavailable("Events were not confirmed as stored; retry with the same event_id values",
					this.properties.retryAfterSeconds());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ApiException.Unavailable("Interrupted while storing events", this.properties.retryAfterSeconds());
		}
	}

}
