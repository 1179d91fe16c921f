package dev.uplift.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builders of tracking events as the browser script and importers send them (docs/api.md
 * §4).
 */
public final class Events {

	private Events() {
	}

	public static Map<String, Object> exposure(String eventId, String visitorId, long testId, int variant) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", "exposure");
		event.put("event_id", eventId);
		event.put("visitor_id", visitorId);
		event.put("test_id", testId);
		event.put("variant_id", Integer.toString(variant));
		return event;
	}

	public static Map<String, Object> goal(String eventId, String visitorId, String goalKey) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", "goal");
		event.put("event_id", eventId);
		event.put("visitor_id", visitorId);
		event.put("goal_key", goalKey);
		return event;
	}

	public static Map<String, Object> named(String eventId, String visitorId, String name, Double revenue) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", "event");
		event.put("event_id", eventId);
		event.put("visitor_id", visitorId);
		event.put("name", name);
		if (revenue != null) {
			event.put("properties", Map.of("revenue", revenue));
		}
		return event;
	}

	/** The same event with a client timestamp, for imports. */
	public static Map<String, Object> at(Map<String, Object> event, long epochMillis) {
		Map<String, Object> timed = new LinkedHashMap<>(event);
		timed.put("ts", epochMillis);
		return timed;
	}

	/** Collect bodies of at most {@code size} events each. */
	public static List<Map<String, Object>> batches(List<Map<String, Object>> events, int size) {
		List<Map<String, Object>> batches = new ArrayList<>();
		for (int from = 0; from < events.size(); from += size) {
			batches.add(Map.of("events", events.subList(from, Math.min(events.size(), from + size))));
		}
		return batches;
	}

}
