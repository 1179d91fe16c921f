package dev.uplift.tracking;

import tools.jackson.databind.JsonNode;

/**
 * One event as it arrived: its parsed JSON, and its text, which the event log keeps.
 *
 * @param json the event's JSON value
 * @param text the event's JSON text, as the client sent it where the request held it
 */
record SentEvent(JsonNode json, String text) {

	/**
	 * An event the server built from a request of another shape: its text is its JSON
	 * written out.
	 */
	static SentEvent built(JsonNode json) {
		return new SentEvent(json, json.toString());
	}

}
