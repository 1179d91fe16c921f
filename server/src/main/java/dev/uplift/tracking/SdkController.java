package dev.uplift.tracking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.uplift.assignment.Bucketing;
import dev.uplift.experiment.ExperimentService;
import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.experiment.ExperimentStatus;
import dev.uplift.experiment.Targeting;
import dev.uplift.project.ProjectContext;
import dev.uplift.project.ProjectService;
import dev.uplift.error.InvalidInput;
import dev.uplift.error.NotFound;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The wire protocol of Mida's published server-side SDKs (docs/mida-v2-api.md §6.2):
 * deterministic assignment with exposure recording, and named events. No API key: the
 * project key travels in the body. {@link EventRoutes} routes their requests here.
 */
@Component
class SdkController {

	private static final int MAX_BODY_BYTES = 64 * 1024;

	/**
	 * A visitor first seen this recently is still new, as in the browser, where "new"
	 * lasts the session.
	 */
	static final Duration NEW_VISITOR_WINDOW = Duration.ofMinutes(30);

	private final ProjectService projects;

	private final ExperimentService experiments;

	private final EventIngestion ingestion;

	private final JdbcIngestionRepository repository;

	private final Clock clock;

	private final TrackingProperties properties;

	private final VisitorIdentities identities;

	SdkController(ProjectService projects, ExperimentService experiments, EventIngestion ingestion,
			JdbcIngestionRepository repository, Clock clock, TrackingProperties properties,
			VisitorIdentities identities) {
		this.identities = identities;
		this.projects = projects;
		this.experiments = experiments;
		this.ingestion = ingestion;
		this.repository = repository;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * {@code {key, experiment_key, distinct_id}} → {@code {"version": "Variant 1"}}, or
	 * null when not bucketed.
	 */
	void query(HttpServletRequest request, HttpServletResponse response) throws IOException {
		JsonNode body = RequestBodies.json(request, MAX_BODY_BYTES);
		ProjectContext project = project(body);
		String experimentKey = experimentKey(body);
		String visitorId = distinctId(body);
		String version = this.experiments.findByKey(project.id(), experimentKey)
			.filter((experiment) -> experiment.status() == ExperimentStatus.LIVE || experiment.isServing())
			.map((experiment) -> assign(project, experiment, visitorId, request))
			.orElse(null);
		RequestBodies.answer(response, HttpStatus.OK.value(), Collections.singletonMap("version", version));
	}

	/** {@code {key, name, distinct_id, properties}}: records the event once committed. */
	void event(HttpServletRequest request, HttpServletResponse response) throws IOException {
		JsonNode body = RequestBodies.json(request, MAX_BODY_BYTES);
		ProjectContext project = project(body);
		ObjectNode event = JsonNodeFactory.instance.objectNode();
		event.put("type", EventKind.EVENT.wireName());
		event.put("visitor_id", distinctId(body));
		event.set("name", body.get("name"));
		event.set("event_id", body.get("event_id"));
		event.set("properties", properties(body.get("properties")));
		List<Rejection> rejected = this.ingestion.ingest(project, EventSource.COLLECT, List.of(parse(event)));
		if (!rejected.isEmpty()) {
			throw new InvalidInput(rejected.get(0).error());
		}
		RequestBodies.answer(response, HttpStatus.ACCEPTED.value(), Map.of("success", true));
	}

	/**
	 * {@code {key, distinct_id, id?, email?}}: links the visitor to the site's user id or
	 * e-mail, kept as digests (docs/security.md), once committed; for the Events API.
	 */
	void identify(HttpServletRequest request, HttpServletResponse response) throws IOException {
		JsonNode body = RequestBodies.json(request, MAX_BODY_BYTES);
		ProjectContext project = project(body);
		String visitorId = distinctId(body);
		this.identities.link(project.id(), visitorId, identity(body, VisitorIdentities.Kind.ID, "id"),
				identity(body, VisitorIdentities.Kind.EMAIL, "email"));
		RequestBodies.answer(response, HttpStatus.OK.value(), Map.of("success", true));
	}

	private static String identity(JsonNode body, VisitorIdentities.Kind kind, String field) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (kind == VisitorIdentities.Kind.ID && value.isIntegralNumber()) {
			return value.bigIntegerValue().toString();
		}
		if (!value.isString()) {
			throw new InvalidInput(field, "'" + field + "' must be a string");
		}
		return kind.checked(field, value.stringValue());
	}

	private String assign(ProjectContext project, ExperimentSnapshot experiment, String visitorId,
			HttpServletRequest request) {
		OptionalInt stored = this.repository.storedVariant(experiment.testId(), visitorId);
		if (stored.isEmpty() && !inAudience(project, experiment.targeting(), visitorId, request)) {
			return null;
		}
		OptionalInt variant = experiment.isServing() ? served(experiment, visitorId)
				: stored.isPresent() ? stored : firstAssignment(experiment, visitorId);
		if (variant.isEmpty()) {
			return null;
		}
		if (stored.isEmpty()) {
			ObjectNode exposure = JsonNodeFactory.instance.objectNode();
			exposure.put("type", EventKind.EXPOSURE.wireName());
			exposure.put("visitor_id", visitorId);
			exposure.put("test_id", experiment.testId());
			exposure.put("variant_id", Integer.toString(variant.getAsInt()));
			this.ingestion.ingest(project, EventSource.COLLECT, List.of(parse(exposure)));
			// Two first requests of one visitor may race across a change of the split (a
			// bandit's midnight): the first entry stays, and both answer it.
			OptionalInt entered = experiment.isServing() ? OptionalInt.empty()
					: this.repository.storedVariant(experiment.testId(), visitorId);
			variant = entered.isPresent() ? entered : variant;
		}
		return experiment.variants().get(variant.getAsInt()).name();
	}

	/**
	 * Whether a visitor who has not entered is in the audience by the rules the server
	 * can decide: the country from the trusted header, and new or returning from their
	 * first entry into any of the project's experiments. The browser's rules (device,
	 * browser, cookies, schedule, ...) do not apply.
	 */
	private boolean inAudience(ProjectContext project, Targeting targeting, String visitorId,
			HttpServletRequest request) {
		if (targeting.hasCountryRule() && !targeting.allowsCountry(country(request))) {
			return false;
		}
		if (!targeting.hasUserRule()) {
			return true;
		}
		OptionalLong first = this.repository.firstEntry(project.id(), visitorId);
		long newSince = this.clock.millis() - NEW_VISITOR_WINDOW.toMillis();
		return targeting.allowsVisitor(first.isEmpty() || first.getAsLong() >= newSince);
	}

	private String country(HttpServletRequest request) {
		return VisitorLocation.of(request, this.properties).country();
	}

	/**
	 * A served winner goes to the visitors of its rollout share whatever arm they had
	 * (docs/assignment.md); the others get nothing, as on the page.
	 */
	private OptionalInt served(ExperimentSnapshot experiment, String visitorId) {
		return (admitted(experiment, visitorId)
				&& Bucketing.inRollout(experiment.hashSeed(), visitorId, experiment.serving().rollout()))
						? OptionalInt.of(experiment.serving().variant()) : OptionalInt.empty();
	}

	private OptionalInt firstAssignment(ExperimentSnapshot experiment, String visitorId) {
		return admitted(experiment, visitorId) ? Bucketing.assign(experiment.splitRule(), visitorId)
				: OptionalInt.empty();
	}

	// A member of an exclusion group takes only the visitors of its slice
	// (docs/exclusion-groups.md).
	private boolean admitted(ExperimentSnapshot experiment, String visitorId) {
		return this.experiments.exclusionSlice(experiment.testId())
			.map((slice) -> slice.admits(visitorId))
			.orElse(true);
	}

	private TrackingEvent parse(JsonNode event) {
		try {
			return EventParser.collected(SentEvent.built(event), this.clock.millis());
		}
		catch (EventParser.InvalidEvent ex) {
			throw new InvalidInput(ex.getMessage().replace("'visitor_id'", "'distinct_id'"));
		}
	}

	private ProjectContext project(JsonNode body) {
		if (!body.isObject()) {
			throw new InvalidInput("Body must be a JSON object");
		}
		return this.projects.findPublic(field(body, "key"))
			.orElseThrow(() -> new NotFound("Project", field(body, "key")));
	}

	/** The SDKs of Node, PHP and Ruby send properties as a JSON-encoded string. */
	private static JsonNode properties(JsonNode properties) {
		if (properties != null && properties.isString()) {
			try {
				return RequestBodies.parse(properties.stringValue().getBytes(StandardCharsets.UTF_8));
			}
			catch (InvalidInput ex) {
				throw new InvalidInput("'properties' is a string but not JSON");
			}
		}
		return properties;
	}

	/**
	 * Early mida-node releases sent {@code test_id} instead; a test id is also every
	 * experiment's default key.
	 */
	private static String experimentKey(JsonNode body) {
		JsonNode testId = body.get("test_id");
		if (!body.has("experiment_key") && testId != null && (testId.isIntegralNumber() || testId.isString())) {
			return testId.isString() ? field(body, "test_id") : testId.bigIntegerValue().toString();
		}
		return field(body, "experiment_key");
	}

	/**
	 * Mida's SDKs pass the caller's id through untouched, so a numeric database id
	 * arrives as a JSON integer.
	 */
	private static String distinctId(JsonNode body) {
		JsonNode value = body.get("distinct_id");
		if (value != null && value.isIntegralNumber()) {
			return value.bigIntegerValue().toString();
		}
		return field(body, "distinct_id");
	}

	private static String field(JsonNode body, String name) {
		JsonNode value = body.get(name);
		if (value == null || !value.isString() || value.stringValue().isBlank()) {
			throw new InvalidInput("'" + name + "' is required and must be a string");
		}
		if (value.stringValue().length() > EventParser.MAX_VISITOR_ID) {
			throw new InvalidInput("'" + name + "' must have at most 128 characters");
		}
		return value.stringValue();
	}

}
