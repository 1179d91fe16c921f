package dev.uplift.tracking;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.uplift.project.ProjectContext;
import dev.uplift.error.Unavailable;
import dev.uplift.error.UpliftException;

import org.springframework.stereotype.Service;

/**
 * Hands validated events to the pipeline and waits until they are committed: the only way
 * events are stored.
 */
@Service
class EventIngestion {

	private static final long COMMIT_TIMEOUT_SECONDS = 60;

	private final IngestionPipeline pipeline;

	private final TrackingProperties properties;

	EventIngestion(IngestionPipeline pipeline, TrackingProperties properties) {
		this.pipeline = pipeline;
		this.properties = properties;
	}

	/**
	 * Commits the events, returning those rejected (indexes into {@code events}); 503 if
	 * not committed, 409 if refused whole for the project's storage quota.
	 */
	List<Rejection> ingest(ProjectContext project, EventSource source, List<TrackingEvent> events) {
		if (events.isEmpty()) {
			return List.of();
		}
		return await(submit(project, source, events));
	}

	/** Queues the events without waiting; complete with {@link #await}. */
	Submission submit(ProjectContext project, EventSource source, List<TrackingEvent> events) {
		Submission submission = new Submission(project, source, events);
		this.pipeline.submit(submission);
		return submission;
	}

	/**
	 * Waits for the commit. After the timeout, a submission still queued is withdrawn and
	 * answered 503 (it will never be written); one the writer already holds is waited for
	 * to the end, so that the answer always tells the truth.
	 */
	List<Rejection> await(Submission submission) {
		try {
			try {
				return submission.outcome().get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			catch (TimeoutException ex) {
				if (submission.abandon()) {
					throw unavailable("Ingestion is too slow to take these events now; nothing was stored");
				}
				return submission.outcome().get();
			}
		}
		catch (ExecutionException ex) {
			// A refusal of the events themselves (a storage quota) is
			// answered as such.
			if (ex.getCause() instanceof UpliftException refusal) {
				throw refusal;
			}
			throw unavailable("Events could not be stored (" + ex.getCause().getClass().getSimpleName()
					+ "); nothing of them was acknowledged");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable("Interrupted while storing events");
		}
	}

	private Unavailable unavailable(String message) {
		return new Unavailable(message, this.properties.retryAfterSeconds());
	}

}
