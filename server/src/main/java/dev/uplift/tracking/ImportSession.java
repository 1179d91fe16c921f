package dev.uplift.tracking;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

import dev.uplift.project.ProjectContext;
import dev.uplift.error.StateConflict;
import dev.uplift.error.Unavailable;

import org.springframework.stereotype.Component;

/**
 * One import request: validates NDJSON lines as they stream in, sorts runs of events by
 * time, and feeds them to the pipeline with at most two chunks in flight, so that the
 * import keeps the writer busy without filling the queue for everybody else.
 */
final class ImportSession {

	static final int MAX_REPORTED_ERRORS = 100;

	private static final int IN_FLIGHT_CHUNKS = 2;

	private static final long QUEUE_FULL_PAUSE_MS = 50;

	private static final long QUEUE_FULL_GIVE_UP_MS = 60_000;

	private final ProjectContext project;

	private final EventIngestion ingestion;

	private final TrackingProperties properties;

	private final Clock clock;

	private final List<Line> buffer = new ArrayList<>();

	private final Deque<Chunk> inFlight = new ArrayDeque<>();

	private final List<LineError> errors = new ArrayList<>();

	private long lines;

	private long accepted;

	private long rejected;

	private ImportSession(ProjectContext project, EventIngestion ingestion, TrackingProperties properties,
			Clock clock) {
		this.project = project;
		this.ingestion = ingestion;
		this.properties = properties;
		this.clock = clock;
	}

	void add(String text) {
		this.lines++;
		if (text.isBlank()) {
			return;
		}
		try {
			this.buffer
				.add(new Line(this.lines, EventParser.imported(RequestBodies.parseLine(text), this.clock.millis())));
		}
		catch (EventParser.InvalidEvent ex) {
			reject(this.lines, ex.getMessage());
		}
		if (this.buffer.size() >= this.properties.importSortBuffer()) {
			flush();
		}
	}

	Summary finish() {
		flush();
		while (!this.inFlight.isEmpty()) {
			complete(this.inFlight.removeFirst());
		}
		return new Summary(this.lines, this.accepted, this.rejected, List.copyOf(this.errors));
	}

	private void flush() {
		// Stable sort: events with the same time keep the order of the stream.
		this.buffer.sort(Comparator.comparingLong((Line line) -> line.event().occurredAt()));
		int chunkSize = this.properties.importChunkEvents();
		for (int from = 0; from < this.buffer.size(); from += chunkSize) {
			List<Line> lines = List.copyOf(this.buffer.subList(from, Math.min(this.buffer.size(), from + chunkSize)));
			if (this.inFlight.size() >= IN_FLIGHT_CHUNKS) {
				complete(this.inFlight.removeFirst());
			}
			this.inFlight.addLast(new Chunk(lines, submit(lines)));
		}
		this.buffer.clear();
	}

	/**
	 * Waits while the queue is full: an import is a bulk client that should slow down,
	 * not fail.
	 */
	private Submission submit(List<Line> lines) {
		List<TrackingEvent> events = lines.stream().map(Line::event).toList();
		long giveUp = System.currentTimeMillis() + QUEUE_FULL_GIVE_UP_MS;
		while (true) {
			try {
				return this.ingestion.submit(this.project, EventSource.IMPORT, events);
			}
			catch (Unavailable ex) {
				if (System.currentTimeMillis() > giveUp) {
					throw failure(ex);
				}
				pause();
			}
		}
	}

	private void complete(Chunk chunk) {
		List<Rejection> rejections;
		try {
			rejections = this.ingestion.await(chunk.submission());
		}
		catch (Unavailable ex) {
			throw failure(ex);
		}
		catch (StateConflict ex) {
			throw refusal(ex);
		}
		this.accepted += chunk.lines().size() - rejections.size();
		rejections.forEach((rejection) -> reject(chunk.lines().get(rejection.index()).number(), rejection.error()));
	}

	private Unavailable failure(Unavailable cause) {
		return new Unavailable(cause.getMessage() + "; " + this.accepted
				+ " events of this import were committed before; retrying the import is safe when events carry "
				+ "event_id values", cause.retryAfterSeconds());
	}

	/**
	 * A chunk refused for the project's storage quota ends the import: the chunks still
	 * in flight are waited for, so that the answer counts every event committed.
	 */
	private StateConflict refusal(StateConflict cause) {
		while (!this.inFlight.isEmpty()) {
			try {
				complete(this.inFlight.removeFirst());
			}
			catch (StateConflict | Unavailable ex) {
				// Refused or not stored: nothing of the chunk counts as committed.
			}
		}
		this.buffer.clear();
		return new StateConflict(cause.state(),
				cause.getMessage() + "; " + this.accepted + " events of this import were committed before");
	}

	private void reject(long line, String error) {
		this.rejected++;
		if (this.errors.size() < MAX_REPORTED_ERRORS) {
			this.errors.add(new LineError(line, error));
		}
	}

	private static void pause() {
		try {
			Thread.sleep(QUEUE_FULL_PAUSE_MS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Unavailable("Interrupted while waiting for the ingestion queue", 1);
		}
	}

	private record Line(long number, TrackingEvent event) {
	}

	private record Chunk(List<Line> lines, Submission submission) {
	}

	/** A rejected line of the stream (1-based) and why. */
	record LineError(long line, String error) {
	}

	/** What an import did. */
	record Summary(long lines, long accepted, long rejected, List<LineError> errors) {
	}

	/** Opens import sessions. */
	@Component
	static class Factory {

		private final EventIngestion ingestion;

		private final TrackingProperties properties;

		private final Clock clock;

		Factory(EventIngestion ingestion, TrackingProperties properties, Clock clock) {
			this.ingestion = ingestion;
			this.properties = properties;
			this.clock = clock;
		}

		ImportSession open(ProjectContext project) {
			return new ImportSession(project, this.ingestion, this.properties, this.clock);
		}

	}

}
