package dev.uplift.tracking;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.uplift.project.ProjectContext;
import dev.uplift.project.ProjectService;
import dev.uplift.error.NotFound;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The public collect route of the browser script (docs/api.md §4): batches of events, 202
 * once committed. {@link EventRoutes} routes its requests here.
 */
@Component
class CollectController {

	private final ProjectService projects;

	private final EventIngestion ingestion;

	private final TrackingProperties properties;

	private final Clock clock;

	CollectController(ProjectService projects, EventIngestion ingestion, TrackingProperties properties, Clock clock) {
		this.projects = projects;
		this.ingestion = ingestion;
		this.properties = properties;
		this.clock = clock;
	}

	void collect(String projectKey, HttpServletRequest request, HttpServletResponse response) throws IOException {
		ProjectContext project = this.projects.findPublic(projectKey)
			.orElseThrow(() -> new NotFound("Project", projectKey));
		List<SentEvent> events = RequestBodies.events(request, this.properties.collectMaxBytes(),
				this.properties.collectMaxEvents());
		VisitorLocation location = VisitorLocation.of(request, this.properties);
		long now = this.clock.millis();
		List<TrackingEvent> valid = new ArrayList<>(events.size());
		List<Integer> positions = new ArrayList<>(events.size());
		List<Rejection> rejected = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			try {
				TrackingEvent event = EventParser.collected(events.get(i), now);
				valid.add(event.locatedAt(location));
				positions.add(i);
			}
			catch (EventParser.InvalidEvent ex) {
				rejected.add(new Rejection(i, ex.getMessage()));
			}
		}
		for (Rejection rejection : this.ingestion.ingest(project, EventSource.COLLECT, valid)) {
			rejected.add(new Rejection(positions.get(rejection.index()), rejection.error()));
		}
		rejected.sort((a, b) -> Integer.compare(a.index(), b.index()));
		RequestBodies.answer(response, HttpStatus.ACCEPTED.value(),
				new CollectAnswer(true, events.size() - rejected.size(), rejected));
	}

	/**
	 * The answer to collect, after commit.
	 *
	 * @param success always true
	 * @param accepted events stored
	 * @param rejected the events refused, by index in the request, each with its reason
	 */
	record CollectAnswer(boolean success, int accepted, List<Rejection> rejected) {
	}

}
