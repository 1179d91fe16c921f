package dev.uplift.tracking;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.error.InvalidInput;
import dev.uplift.error.StateConflict;
import dev.uplift.project.ProjectContext;
import dev.uplift.tracking.CustomEvents.CustomEvent;
import dev.uplift.tracking.CustomEvents.Identifier;
import dev.uplift.tracking.VisitorIdentities.Kind;
import dev.uplift.web.ApiTime;
import dev.uplift.web.ErrorAnswer;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mida's Events API (docs/mida-v2-api.md §4.6): custom events of known visitors.
 */
@RestController
@Validated
class EventController {

	private static final String PATH = "/v2/project/{project_key}/event/{event_id}";

	private static final int CUSTOM_EVENT_TYPE = 2;

	private static final int ACTIVE = 1;

	private static final int DELETED = 2;

	private final CustomEvents events;

	EventController(CustomEvents events) {
		this.events = events;
	}

	@Operation(summary = "List custom events",
			description = "The project's custom events, newest first, without those deleted here, internal ones "
					+ "(names starting with '!') and derived ones ('goal_'). Reads the event log: narrow long "
					+ "logs with start_date / end_date.")
	@GetMapping("/v2/project/{project_key}/events")
	EventPage list(ProjectContext project,
			@RequestParam(defaultValue = "50") @Min(value = 1, message = "limit must be between 1 and 500") @Max(
					value = 500, message = "limit must be between 1 and 500") int limit,
			@RequestParam(defaultValue = "0") @PositiveOrZero(message = "offset must not be negative") int offset,
			@RequestParam(name = "event_text", required = false) String eventText,
			@RequestParam(name = "start_date", required = false) String startDate,
			@RequestParam(name = "end_date", required = false) String endDate) {
		List<EventSummary> page = this.events
			.list(project, eventText, date("start_date", startDate), date("end_date", endDate), limit, offset)
			.stream()
			.map(EventSummary::of)
			.toList();
		return new EventPage(true, project.organizationId(), page.size(), page);
	}

	@Operation(summary = "Record a custom event for a known visitor",
			description = "Exactly one of mida_uuid (the visitor id), email or id (linked by identify()). The "
					+ "event goes through the same ingestion as collected events and converts goals alike; "
					+ "answered once committed.")
	@PostMapping("/v2/project/{project_key}/event")
	EventRecorded create(ProjectContext project, @RequestBody CreateEventRequest request) {
		if (request.eventName() == null || request.eventName().isBlank()) {
			throw new InvalidInput("event_name", "'event_name' is required");
		}
		String eventId = this.events.record(project, request.eventName(), request.identifier(), request.properties());
		return new EventRecorded(true, "Event recorded successfully", eventId);
	}

	@GetMapping(PATH)
	EventResponse get(ProjectContext project, @PathVariable("event_id") String eventId) {
		return new EventResponse(true, EventDetails.of(this.events.get(project, eventId)));
	}

	@Operation(summary = "Update a custom event",
			description = "Only status: 2 deletes the event from the list, 1 shows it again. A recorded event's "
					+ "name and properties already decided its conversions and are not rewritten (409).")
	@PatchMapping(PATH)
	@ErrorAnswer(status = 409, description = "event_text or event_property: a recorded event is not rewritten")
	EventUpdated update(ProjectContext project, @PathVariable("event_id") String eventId,
			@RequestBody UpdateEventRequest request) {
		request.check();
		if (request.status() == DELETED) {
			if (!this.events.get(project, eventId).deleted()) {
				this.events.delete(project, eventId);
			}
		}
		else {
			this.events.restore(project, eventId);
		}
		return new EventUpdated(true, eventId);
	}

	@Operation(summary = "Delete a custom event",
			description = "Removes the event from the list; details show it with status 2. The log keeps it and "
					+ "the conversions it made stay counted, as Mida keeps historical data; deleting a "
					+ "visitor's data removes them (POST .../delete-visitor).")
	@DeleteMapping(PATH)
	EventDeleted delete(ProjectContext project, @PathVariable("event_id") String eventId) {
		this.events.delete(project, eventId);
		return new EventDeleted(true, eventId, true);
	}

	private static LocalDate date(String field, String value) {
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeException ex) {
			throw new InvalidInput(field, "'" + field + "' must be a date YYYY-MM-DD");
		}
	}

	/**
	 * A custom event to record.
	 *
	 * @param eventName its name (required)
	 * @param midaUuid the visitor's id, as the browser's {@code mida.uuid()} gives it
	 * @param email an e-mail the visitor was identified with
	 * @param id a user id the visitor was identified with
	 * @param properties its properties; {@code revenue} counts for revenue goals
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record CreateEventRequest(String eventName, String midaUuid, String email, String id, JsonNode properties) {

		Identifier identifier() {
			List<String> given = new ArrayList<>();
			if (this.midaUuid != null) {
				given.add("mida_uuid");
			}
			if (this.email != null) {
				given.add("email");
			}
			if (this.id != null) {
				given.add("id");
			}
			if (given.size() != 1) {
				throw new InvalidInput(given.isEmpty() ? "mida_uuid" : given.get(1),
						"Send exactly one of 'mida_uuid', 'email' or 'id'" + (given.isEmpty() ? "" : ", not " + given));
			}
			if (this.midaUuid != null) {
				if (this.midaUuid.isBlank() || this.midaUuid.length() > EventParser.MAX_VISITOR_ID) {
					throw new InvalidInput("mida_uuid",
							"'mida_uuid' must be 1 to " + EventParser.MAX_VISITOR_ID + " characters");
				}
				return new Identifier(null, this.midaUuid);
			}
			return (this.email != null) ? new Identifier(Kind.EMAIL, Kind.EMAIL.checked("email", this.email))
					: new Identifier(Kind.ID, Kind.ID.checked("id", this.id));
		}

	}

	/**
	 * A change to a custom event: Mida's fields, of which Uplift changes {@code status}.
	 *
	 * @param status 1 listed, 2 deleted
	 * @param eventText the name: refused, 409
	 * @param eventProperty the properties: refused, 409
	 * @param url not kept by Uplift: 400
	 * @param eventPath not kept by Uplift: 400
	 * @param session not kept by Uplift: 400
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record UpdateEventRequest(Integer status, JsonNode eventText, JsonNode eventProperty, JsonNode url,
			JsonNode eventPath, JsonNode session) {

		void check() {
			if (this.eventText != null || this.eventProperty != null) {
				String field = (this.eventText != null) ? "event_text" : "event_property";
				throw new StateConflict("recorded", "'" + field + "' of a recorded event is not rewritten: it already "
						+ "decided which goals the event converted. Record a new event instead");
			}
			for (String field : new String[] { "url", "event_path", "session" }) {
				JsonNode value = switch (field) {
					case "url" -> this.url;
					case "event_path" -> this.eventPath;
					default -> this.session;
				};
				if (value != null) {
					throw new InvalidInput(field, "Uplift keeps no '" + field + "' with an event");
				}
			}
			if (this.status == null) {
				throw new InvalidInput("status", "Send 'status': 1 (listed) or 2 (deleted)");
			}
			if (this.status != ACTIVE && this.status != DELETED) {
				throw new InvalidInput("status", "'status' must be 1 (listed) or 2 (deleted)");
			}
		}

	}

	/**
	 * A page of custom events.
	 *
	 * @param success always true
	 * @param companyId the organization
	 * @param count events on this page
	 * @param events the page
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record EventPage(boolean success, long companyId, int count, List<EventSummary> events) {
	}

	/**
	 * A custom event in a list.
	 *
	 * @param eventId its id
	 * @param eventText its name
	 * @param eventProperty its properties as JSON text, or null
	 * @param createdAt when it happened
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record EventSummary(String eventId, String eventText, String eventProperty, String createdAt) {

		static EventSummary of(CustomEvent event) {
			return new EventSummary(event.eventId(), event.name(),
					(event.properties() != null) ? event.properties().toString() : null,
					ApiTime.format(event.occurredAt()));
		}

	}

	/**
	 * One custom event.
	 *
	 * @param success always true
	 * @param event the event
	 */
	record EventResponse(boolean success, EventDetails event) {
	}

	/**
	 * A custom event in Mida's shape.
	 *
	 * @param eventId its id
	 * @param eventType always 2, a custom event
	 * @param eventText its name
	 * @param eventProperty its properties as JSON text, or null
	 * @param url always null: not kept
	 * @param eventPath always null: not kept
	 * @param status 1 listed, 2 deleted
	 * @param createdAt when it happened
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record EventDetails(String eventId, int eventType, String eventText, String eventProperty, String url,
			String eventPath, int status, String createdAt) {

		static EventDetails of(CustomEvent event) {
			EventSummary summary = EventSummary.of(event);
			return new EventDetails(event.eventId(), CUSTOM_EVENT_TYPE, summary.eventText(), summary.eventProperty(),
					null, null, event.deleted() ? DELETED : ACTIVE, summary.createdAt());
		}

	}

	/**
	 * A recorded event.
	 *
	 * @param success always true
	 * @param message Mida's message
	 * @param eventId its id, for details and delete
	 */
	record EventRecorded(boolean success, String message, @JsonProperty("event_id") String eventId) {
	}

	/**
	 * An updated event.
	 *
	 * @param success always true
	 * @param eventId the event
	 */
	record EventUpdated(boolean success, @JsonProperty("event_id") String eventId) {
	}

	/**
	 * A deleted event.
	 *
	 * @param success always true
	 * @param eventId the event
	 * @param deleted always true
	 */
	record EventDeleted(boolean success, @JsonProperty("event_id") String eventId, boolean deleted) {
	}

}
