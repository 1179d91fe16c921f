package dev.uplift.tracking;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.uplift.project.ProjectConfiguration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates one incoming event object (docs/api.md §4) and turns it into a
 * {@link TrackingEvent}, or says precisely what is wrong with it.
 */
final class EventParser {

	static final int MAX_VISITOR_ID = 128;

	static final int MAX_EVENT_ID = 64;

	static final int MAX_NAME = 200;

	private static final int MAX_ATTRIBUTE = 2000;

	private static final int MAX_VARIANT = 1000;

	private static final long EARLIEST = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

	private static final long MAX_CLOCK_AHEAD_MS = 5 * 60_000;

	// Compiled once: String.matches compiles its pattern on every call, 7 % of a collect
	// request thread.
	private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

	private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

	static final int MAX_PROPERTY_VALUES = 100;

	static final int MAX_PROPERTY_CHARS = 8192;

	private static final int MAX_PROPERTY_DEPTH = 4;

	// An event's text is kept as sent only up to this length: past it, white space or a
	// property given twice (of which the parse keeps the last) could hide any amount of
	// data in a valid event.
	static final int MAX_KEPT_TEXT = 16 * 1024;

	/** The longest region or city name kept with an entry. */
	static final int MAX_PLACE = 100;

	private static final Set<String> ATTRIBUTES = Set.of("device", "browser", "os", "country", "source", "landing_page",
			"utm_source", "visitor_type", "region", "city");

	private static final Map<EventKind, Set<String>> FIELDS = Map.of(EventKind.EXPOSURE,
			Set.of("type", "event_id", "visitor_id", "ts", "test_id", "variant_id", "attributes"), EventKind.GOAL,
			Set.of("type", "event_id", "visitor_id", "ts", "goal_key", "properties"), EventKind.EVENT,
			Set.of("type", "event_id", "visitor_id", "ts", "name", "properties"));

	private EventParser() {
	}

	/**
	 * An event parsed from a collect request: its time is the receive time; a {@code ts}
	 * is ignored.
	 */
	static TrackingEvent collected(SentEvent event, long receivedAt) {
		return parse(event, receivedAt);
	}

	/**
	 * An event of an import: its {@code ts} (ISO 8601 or epoch ms) is its time, checked
	 * against the clock.
	 */
	static TrackingEvent imported(SentEvent event, long now) {
		return parse(event, timestamp(event.json(), now));
	}

	private static TrackingEvent parse(SentEvent event, long occurredAt) {
		JsonNode node = event.json();
		if (node == null || !node.isObject()) {
			throw new InvalidEvent("event must be a JSON object");
		}
		EventKind kind = EventKind.fromWire(text(node, "type", 20, true));
		if (kind == null) {
			throw new InvalidEvent("'type' must be one of exposure, goal, event");
		}
		String eventId = text(node, "event_id", MAX_EVENT_ID, false);
		String visitorId = visitorId(node);
		return switch (kind) {
			case EXPOSURE -> new TrackingEvent(kind, eventId, visitorId, occurredAt, testId(node), variant(node),
					attributes(node.get("attributes")), null, null, kept(event, kind));
			case GOAL -> new TrackingEvent(kind, eventId, visitorId, occurredAt, 0, 0, null,
					text(node, "goal_key", 100, true), revenue(node.get("properties")), kept(event, kind));
			case EVENT -> new TrackingEvent(kind, eventId, visitorId, occurredAt, 0, 0, null,
					text(node, "name", MAX_NAME, true), revenue(node.get("properties")), kept(event, kind));
		};
	}

	/**
	 * The text the event log keeps of a validated event: its text as sent when it holds
	 * only the fields of its kind and is not longer than {@link #MAX_KEPT_TEXT} (every
	 * event of the browser script and the SDK routes), else the event written out again
	 * with those fields only, so that no client can store data Uplift does not read.
	 */
	private static String kept(SentEvent event, EventKind kind) {
		JsonNode node = event.json();
		Set<String> fields = FIELDS.get(kind);
		if (event.text().length() <= MAX_KEPT_TEXT && onlyKnown(node, fields)
				&& onlyKnown(node.get("attributes"), ATTRIBUTES)) {
			return event.text();
		}
		ObjectNode kept = JsonNodeFactory.instance.objectNode();
		for (String field : fields) {
			JsonNode value = node.get(field);
			if (value == null || (field.equals("ts") && !value.isNumber() && value.stringValue("").length() > 40)) {
				continue;
			}
			kept.set(field, field.equals("attributes") ? only(value, ATTRIBUTES) : value);
		}
		return kept.toString();
	}

	private static boolean onlyKnown(JsonNode node, Set<String> fields) {
		if (node == null || !node.isObject()) {
			return true;
		}
		for (String name : node.propertyNames()) {
			if (!fields.contains(name)) {
				return false;
			}
		}
		return true;
	}

	private static JsonNode only(JsonNode node, Set<String> fields) {
		if (!node.isObject()) {
			return node;
		}
		ObjectNode kept = JsonNodeFactory.instance.objectNode();
		for (String field : fields) {
			if (node.has(field)) {
				kept.set(field, node.get(field));
			}
		}
		return kept;
	}

	private static String visitorId(JsonNode node) {
		String visitorId = text(node, "visitor_id", MAX_VISITOR_ID, true);
		if (visitorId.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidEvent("'visitor_id' must not contain control characters");
		}
		return visitorId;
	}

	private static long testId(JsonNode node) {
		JsonNode value = node.get("test_id");
		long testId = integer(value, "test_id");
		if (testId <= 0) {
			throw new InvalidEvent("'test_id' must be a positive integer");
		}
		return testId;
	}

	private static int variant(JsonNode node) {
		long variant = integer(node.get("variant_id"), "variant_id");
		if (variant < 0 || variant > MAX_VARIANT) {
			throw new InvalidEvent("'variant_id' must be \"0\" (Control) or the number of a variant");
		}
		return (int) variant;
	}

	/** An integer sent as a JSON number or as a string of digits. */
	private static long integer(JsonNode value, String field) {
		if (value == null || value.isNull()) {
			throw new InvalidEvent("'" + field + "' is required");
		}
		if (value.isIntegralNumber() && value.canConvertToLong()) {
			return value.longValue();
		}
		if (value.isString() && DIGITS.matcher(value.stringValue()).matches()) {
			return Long.parseLong(value.stringValue());
		}
		throw new InvalidEvent("'" + field + "' must be an integer");
	}

	private static VisitorAttributes attributes(JsonNode node) {
		if (node == null || node.isNull()) {
			return VisitorAttributes.NONE;
		}
		if (!node.isObject()) {
			throw new InvalidEvent("'attributes' must be an object");
		}
		return new VisitorAttributes(text(node, "device", 32, false), text(node, "browser", 32, false),
				text(node, "os", 32, false), country(text(node, "country", 8, false)), text(node, "source", 32, false),
				text(node, "landing_page", MAX_ATTRIBUTE, false), text(node, "utm_source", MAX_NAME, false),
				text(node, "visitor_type", 16, false), place(node, "region"), place(node, "city"));
	}

	private static String place(JsonNode node, String field) {
		String name = text(node, field, MAX_PLACE, false);
		if (name != null && name.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidEvent("'" + field + "' must not contain control characters");
		}
		return name;
	}

	private static String country(String country) {
		if (country == null) {
			return null;
		}
		String code = countryCode(country);
		if (code == null) {
			throw new InvalidEvent("'country' must be an ISO 3166 two-letter code");
		}
		return code;
	}

	/**
	 * The value as an upper-case ISO 3166 two-letter code, or null when it is not one.
	 */
	static String countryCode(String value) {
		return (value != null && COUNTRY.matcher(value).matches()) ? value.toUpperCase(Locale.ROOT) : null;
	}

	private static Revenue revenue(JsonNode properties) {
		if (properties == null || properties.isNull()) {
			return null;
		}
		if (!properties.isObject()) {
			throw new InvalidEvent("'properties' must be an object");
		}
		PropertyBudget budget = new PropertyBudget();
		budget.spend(properties, 0);
		JsonNode revenue = properties.get("revenue");
		if (revenue == null || revenue.isNull()) {
			return null;
		}
		if (!revenue.isNumber() || !Double.isFinite(revenue.doubleValue())) {
			throw new InvalidEvent("'properties.revenue' must be a finite number");
		}
		// The shortest decimal of the double: 49.99 stays 49.99 whatever the parser kept.
		BigDecimal amount = revenue.isIntegralNumber() ? new BigDecimal(revenue.bigIntegerValue())
				: BigDecimal.valueOf(revenue.doubleValue());
		if (amount.signum() < 0) {
			throw new InvalidEvent("'properties.revenue' must not be negative: refunds are not recorded");
		}
		if (amount.compareTo(Revenue.MAX_AMOUNT) > 0) {
			throw new InvalidEvent("'properties.revenue' must be at most 1e12");
		}
		return new Revenue(amount, currency(properties.get("currency")));
	}

	/** An ISO 4217 code in any case, as upper case; null when none is sent. */
	private static String currency(JsonNode value) {
		if (value == null || value.isNull()) {
			return null;
		}
		String code = value.isString() ? value.stringValue().toUpperCase(Locale.ROOT) : "";
		if (!ProjectConfiguration.isCurrencyCode(code)) {
			throw new InvalidEvent("'properties.currency' must be an ISO 4217 currency code such as USD");
		}
		return code;
	}

	/**
	 * What the properties of one event may hold: values, characters and nesting, all
	 * bounded.
	 */
	private static final class PropertyBudget {

		private int values;

		private int chars;

		void spend(JsonNode node, int depth) {
			if (depth > MAX_PROPERTY_DEPTH) {
				throw new InvalidEvent("'properties' must not nest deeper than " + MAX_PROPERTY_DEPTH + " levels");
			}
			if (node.isContainer()) {
				for (Map.Entry<String, JsonNode> property : node.properties()) {
					charge(validUnicode("properties", property.getKey()).length());
					spend(property.getValue(), depth + 1);
				}
				for (int i = 0; node.isArray() && i < node.size(); i++) {
					spend(node.get(i), depth + 1);
				}
				return;
			}
			if (++this.values > MAX_PROPERTY_VALUES) {
				throw new InvalidEvent("'properties' must hold at most " + MAX_PROPERTY_VALUES + " values");
			}
			charge(node.isString() ? validUnicode("properties", node.stringValue()).length() : 8);
		}

		private void charge(int length) {
			this.chars += length;
			if (this.chars > MAX_PROPERTY_CHARS) {
				throw new InvalidEvent("'properties' must hold at most " + MAX_PROPERTY_CHARS + " characters");
			}
		}

	}

	private static long timestamp(JsonNode node, long now) {
		JsonNode ts = node.get("ts");
		long time;
		if (ts == null || ts.isNull()) {
			return now;
		}
		else if (ts.isIntegralNumber() && ts.canConvertToLong()) {
			time = ts.longValue();
		}
		else if (ts.isString()) {
			try {
				time = Instant.parse(ts.stringValue()).toEpochMilli();
			}
			catch (DateTimeParseException ex) {
				throw new InvalidEvent("'ts' must be ISO 8601 (2024-01-15T10:30:00.000Z) or epoch milliseconds");
			}
		}
		else {
			throw new InvalidEvent("'ts' must be ISO 8601 (2024-01-15T10:30:00.000Z) or epoch milliseconds");
		}
		if (time < EARLIEST) {
			throw new InvalidEvent("'ts' is before 2000-01-01");
		}
		if (time > now + MAX_CLOCK_AHEAD_MS) {
			throw new InvalidEvent("'ts' is more than 5 minutes ahead of the server clock");
		}
		return time;
	}

	private static String text(JsonNode node, String field, int maxLength, boolean required) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				throw new InvalidEvent("'" + field + "' is required");
			}
			return null;
		}
		if (!value.isString()) {
			throw new InvalidEvent("'" + field + "' must be a string");
		}
		String text = value.stringValue();
		if (text.isEmpty() || text.length() > maxLength) {
			throw new InvalidEvent("'" + field + "' must have 1 to " + maxLength + " characters");
		}
		return validUnicode(field, text);
	}

	/**
	 * The text when it is well-formed UTF-16. A lone surrogate (JSON's {@code "\ud800"})
	 * has no UTF-8 form: stored, it became '?', so that distinct visitor ids merged into
	 * one.
	 */
	private static String validUnicode(String field, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isSurrogate(c)) {
				if (Character.isLowSurrogate(c) || i + 1 == text.length()
						|| !Character.isLowSurrogate(text.charAt(i + 1))) {
					throw new InvalidEvent("'" + field + "' must be valid Unicode: it holds a lone surrogate");
				}
				i++;
			}
		}
		return text;
	}

	/** Why one event of a request was refused; the others are unaffected. */
	static final class InvalidEvent extends RuntimeException {

		InvalidEvent(String message) {
			super(message, null, false, false);
		}

	}

}
