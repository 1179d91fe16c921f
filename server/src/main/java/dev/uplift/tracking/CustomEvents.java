package dev.uplift.tracking;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.uplift.error.InvalidInput;
import dev.uplift.error.NotFound;
import dev.uplift.project.ProjectContext;
import dev.uplift.tracking.JdbcCustomEventRepository.LoggedEvent;
import dev.uplift.tracking.VisitorIdentities.Kind;

import org.springframework.stereotype.Service;

/**
 * The Events API (docs/mida-v2-api.md §4.6): custom events recorded for a known visitor
 * through the same pipeline as collected ones, so that they convert goals alike, and the
 * log's custom events listed, read, and deleted from the list (docs/decisions.md, events
 * of the Events API).
 */
@Service
class CustomEvents {

	/** Rows of the log read at once while filtering a list page. */
	private static final int SCAN_PAGE = 1_000;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final EventIngestion ingestion;

	private final VisitorIdentities identities;

	private final JdbcCustomEventRepository events;

	private final Clock clock;

	CustomEvents(EventIngestion ingestion, VisitorIdentities identities, JdbcCustomEventRepository events,
			Clock clock) {
		this.ingestion = ingestion;
		this.identities = identities;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Records the event for the visitor the identifier names, once committed; returns its
	 * id.
	 */
	String record(ProjectContext project, String name, Identifier identifier, JsonNode properties) {
		String visitorId = visitor(project, identifier);
		ObjectNode event = JsonNodeFactory.instance.objectNode();
		String eventId = ServerEventIds.next();
		event.put("type", EventKind.EVENT.wireName());
		event.put("event_id", eventId);
		event.put("visitor_id", visitorId);
		event.put("name", name);
		if (properties != null && !properties.isNull()) {
			event.set("properties", properties);
		}
		TrackingEvent parsed;
		try {
			parsed = EventParser.collected(SentEvent.built(event), this.clock.millis());
		}
		catch (EventParser.InvalidEvent ex) {
			String message = ex.getMessage().replace("'name'", "'event_name'");
			throw new InvalidInput(message.startsWith("'event_name'") ? "event_name" : "properties", message);
		}
		List<Rejection> rejected = this.ingestion.ingest(project, EventSource.COLLECT, List.of(parsed));
		if (!rejected.isEmpty()) {
			throw new InvalidInput(rejected.get(0).error());
		}
		return eventId;
	}

	/**
	 * A page of the custom events Mida's list shows: not deleted, of a visitor, not
	 * internal ({@code !}) or derived ({@code goal_}), newest first.
	 */
	List<CustomEvent> list(ProjectContext project, String eventText, LocalDate startDate, LocalDate endDate, int limit,
			int offset) {
		long from = (startDate != null) ? startDate.atStartOfDay(project.timeZone()).toInstant().toEpochMilli() : 0;
		long to = (endDate != null) ? endDate.plusDays(1).atStartOfDay(project.timeZone()).toInstant().toEpochMilli()
				: Long.MAX_VALUE;
		List<CustomEvent> page = new ArrayList<>();
		int skipped = 0;
		for (long scanned = 0; page.size() < limit; scanned += SCAN_PAGE) {
			List<LoggedEvent> rows = this.events.page(project.id(), from, to, SCAN_PAGE, scanned);
			for (LoggedEvent row : rows) {
				CustomEvent event = CustomEvent.of(row);
				if (page.size() < limit && listed(event, eventText) && skipped++ >= offset) {
					page.add(event);
				}
			}
			if (rows.size() < SCAN_PAGE) {
				break;
			}
		}
		return page;
	}

	CustomEvent get(ProjectContext project, String eventId) {
		return find(project, eventId).orElseThrow(() -> new NotFound("Event", eventId));
	}

	/** Hides the event from the list; 404 when it is hidden already. */
	void delete(ProjectContext project, String eventId) {
		get(project, eventId);
		if (!this.events.markDeleted(project.id(), eventId, this.clock.millis())) {
			throw new NotFound("Event", eventId);
		}
	}

	/** Shows a deleted event in the list again. */
	void restore(ProjectContext project, String eventId) {
		get(project, eventId);
		this.events.unmarkDeleted(project.id(), eventId);
	}

	private Optional<CustomEvent> find(ProjectContext project, String eventId) {
		if (eventId.length() > EventParser.MAX_EVENT_ID) {
			return Optional.empty();
		}
		return this.events.find(project.id(), eventId).map(CustomEvent::of);
	}

	private String visitor(ProjectContext project, Identifier identifier) {
		if (identifier.kind() == null) {
			if (!this.identities.known(project.id(), identifier.value())) {
				throw new InvalidInput("mida_uuid", "No visitor with this 'mida_uuid' was seen in the project");
			}
			return identifier.value();
		}
		String field = identifier.kind() == Kind.EMAIL ? "email" : "id";
		return this.identities.visitorOf(project.id(), identifier.kind(), identifier.value())
			.orElseThrow(() -> new InvalidInput(field,
					"No visitor was identified with this '" + field + "': call identify() for it first"));
	}

	private static boolean listed(CustomEvent event, String eventText) {
		String name = event.name();
		return name != null && !"0".equals(event.visitorId()) && !name.startsWith("!") && !name.startsWith("goal_")
				&& (eventText == null || eventText.equals(name));
	}

	/**
	 * Who an event is for: a visitor id ({@code kind} null) or an identity the visitor
	 * was linked to.
	 */
	record Identifier(Kind kind, String value) {
	}

	/**
	 * A custom event of the log.
	 *
	 * @param eventId its id
	 * @param name its name
	 * @param visitorId its visitor
	 * @param properties its properties, or null
	 * @param occurredAt its time (epoch ms)
	 * @param deleted whether the Events API deleted it
	 */
	record CustomEvent(String eventId, String name, String visitorId, JsonNode properties, long occurredAt,
			boolean deleted) {

		static CustomEvent of(LoggedEvent row) {
			JsonNode body;
			try {
				body = json.readTree(row.body());
			}
			catch (JacksonException ex) {
				body = JsonNodeFactory.instance.objectNode();
			}
			JsonNode properties = body.get("properties");
			return new CustomEvent(row.eventId(), text(body.get("name")), text(body.get("visitor_id")),
					(properties == null || properties.isNull()) ? null : properties, row.occurredAt(),
					row.deleted() != 0);
		}

		private static String text(JsonNode node) {
			return (node != null && node.isString()) ? node.stringValue() : null;
		}

	}

}
