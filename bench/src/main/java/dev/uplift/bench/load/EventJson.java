package dev.uplift.bench.load;

/**
 * Writes the JSON of tracking events (docs/api.md §4) by hand: the load generator must
 * not be the bottleneck.
 */
final class EventJson {

	private static final String[] ATTRIBUTE_NAMES = { "device", "browser", "os", "country", "source", "landing_page",
			"utm_source", "visitor_type" };

	private EventJson() {
	}

	/**
	 * An exposure; {@code at} below 0 leaves out {@code ts} (collect uses the receive
	 * time).
	 */
	static void exposure(StringBuilder out, String eventId, String visitorId, long testId, int variant, long at,
			String[] attributes) {
		out.append("{\"type\":\"exposure\",\"event_id\":\"")
			.append(eventId)
			.append("\",\"visitor_id\":\"")
			.append(visitorId)
			.append("\",\"test_id\":")
			.append(testId)
			.append(",\"variant_id\":\"")
			.append(variant)
			.append('"');
		time(out, at);
		out.append(",\"attributes\":{");
		boolean first = true;
		for (int i = 0; i < ATTRIBUTE_NAMES.length; i++) {
			if (attributes[i] != null) {
				out.append(first ? "\"" : ",\"")
					.append(ATTRIBUTE_NAMES[i])
					.append("\":\"")
					.append(attributes[i])
					.append('"');
				first = false;
			}
		}
		out.append("}}");
	}

	/** A goal conversion; {@code at} below 0 leaves out {@code ts}. */
	static void goal(StringBuilder out, String eventId, String visitorId, String goalKey, long at) {
		goal(out, eventId, visitorId, goalKey, at, -1);
	}

	/**
	 * A goal conversion carrying an order of {@code cents} / 100 in the reporting
	 * currency; {@code cents} below 0 sends none.
	 */
	static void goal(StringBuilder out, String eventId, String visitorId, String goalKey, long at, long cents) {
		out.append("{\"type\":\"goal\",\"event_id\":\"")
			.append(eventId)
			.append("\",\"visitor_id\":\"")
			.append(visitorId)
			.append("\",\"goal_key\":\"")
			.append(goalKey)
			.append('"');
		if (cents >= 0) {
			out.append(",\"properties\":{\"revenue\":").append(cents / 100).append('.');
			out.append((char) ('0' + cents % 100 / 10)).append((char) ('0' + cents % 10)).append('}');
		}
		time(out, at);
		out.append('}');
	}

	private static void time(StringBuilder out, long at) {
		if (at >= 0) {
			out.append(",\"ts\":").append(at);
		}
	}

}
