package dev.uplift.tracking;

import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mida's Events API: custom events recorded for a visitor named by id, e-mail or user id
 * convert goals as collected events do; identities are kept as digests; delete hides an
 * event from the list and leaves the results as they were.
 */
class EventsApiTests extends IntegrationTest {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void anEventRecordedByEmailConvertsLikeACollectedOne() {
		String suffix = Long.toString(System.nanoTime(), 36);
		String name = "signup-" + suffix;
		long testId = experimentCountingEvent(name);
		String collected = "collected-" + suffix;
		String identified = "identified-" + suffix;
		collect(Events.exposure(null, collected, testId, 0), Events.exposure(null, identified, testId, 1),
				Events.named(null, collected, name, null));
		Response linked = this.anonymous.post("/experiment/identify", Map.of("key", PROJECT_KEY, "distinct_id",
				identified, "email", "Ada." + suffix + "@Example.com", "id", 4711 + suffix.length()));
		assertThat(linked.status()).as(linked.body()).isEqualTo(200);

		Response created = this.api.post(project("/event"), Map.of("event_name", name, "email",
				" ada." + suffix + "@example.com", "properties", Map.of("plan", "pro")));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		assertThat(created.json().get("message").asString()).isEqualTo("Event recorded successfully");
		assertThat(counts(testId)).isEqualTo("[1/1, 1/1]");

		String eventId = created.json().get("event_id").asString();
		JsonNode details = this.api.get(project("/event/" + eventId)).json().get("event");
		assertThat(details.get("event_text").asString()).isEqualTo(name);
		assertThat(details.get("event_type").asInt()).isEqualTo(2);
		assertThat(details.get("status").asInt()).isEqualTo(1);
		assertThat(details.get("event_property").asString()).isEqualTo("{\"plan\":\"pro\"}");
		JsonNode listed = this.api.get(project("/events?event_text=" + name)).json();
		assertThat(listed.get("count").asInt()).isEqualTo(2);
		assertThat(listed.at("/events/0/event_id").asString()).isEqualTo(eventId);

		List<String> stored = this.jdbc.sql("SELECT identity_hash || ' ' || visitor_id FROM visitor_identities")
			.query(String.class)
			.list();
		assertThat(stored).anyMatch((row) -> row.endsWith(" " + identified))
			.noneMatch((row) -> row.toLowerCase().contains("example.com"));
	}

	@Test
	void deleteHidesTheEventAndKeepsItsConversion() {
		String suffix = Long.toString(System.nanoTime(), 36);
		String name = "order-" + suffix;
		long testId = experimentCountingEvent(name);
		String visitor = "deleting-" + suffix;
		collect(Events.exposure(null, visitor, testId, 1));
		Response linked = this.anonymous.post("/experiment/identify",
				Map.of("key", PROJECT_KEY, "distinct_id", visitor, "id", "user-" + suffix));
		assertThat(linked.status()).as(linked.body()).isEqualTo(200);
		String eventId = this.api.post(project("/event"), Map.of("event_name", name, "id", "user-" + suffix))
			.json()
			.get("event_id")
			.asString();
		assertThat(counts(testId)).isEqualTo("[0/0, 1/1]");

		Response deleted = this.api.delete(project("/event/" + eventId));
		assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
		assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
		assertThat(this.api.delete(project("/event/" + eventId)).status()).isEqualTo(404);
		assertThat(this.api.get(project("/events?event_text=" + name)).json().get("count").asInt()).isZero();
		assertThat(this.api.get(project("/event/" + eventId)).json().at("/event/status").asInt()).isEqualTo(2);
		assertThat(counts(testId)).as("the conversion stays counted").isEqualTo("[0/0, 1/1]");

		assertThat(this.api.patch(project("/event/" + eventId), Map.of("status", 1)).status()).isEqualTo(200);
		assertThat(this.api.get(project("/events?event_text=" + name)).json().get("count").asInt()).isEqualTo(1);
		Response renamed = this.api.patch(project("/event/" + eventId), Map.of("event_text", "other"));
		assertThat(renamed.status()).as(renamed.body()).isEqualTo(409);
		assertThat(renamed.json().get("error").asString()).contains("event_text");
		assertThat(this.api.patch(project("/event/" + eventId), Map.of("url", "https://example.com/"))
			.json()
			.get("error")
			.asString()).contains("url");
		assertThat(this.api.patch(project("/event/" + eventId), Map.of("status", 2)).status()).isEqualTo(200);
		assertThat(this.api.get(project("/event/" + eventId)).json().at("/event/status").asInt()).isEqualTo(2);
		assertThat(this.api.get(project("/event/not-an-event")).status()).isEqualTo(404);
	}

	@Test
	void createRefusesWhatItCannotRecordNamingTheField() {
		String visitor = "refusals-" + System.nanoTime();
		long testId = experimentCountingEvent("refused-" + visitor);
		collect(Events.exposure(null, visitor, testId, 0));
		assertRefused(Map.of("mida_uuid", visitor), "event_name");
		assertRefused(Map.of("event_name", "x"), "mida_uuid");
		assertRefused(Map.of("event_name", "x", "mida_uuid", visitor, "email", "a@example.com"), "email");
		assertRefused(Map.of("event_name", "x", "mida_uuid", "never-seen-" + visitor), "mida_uuid");
		assertRefused(Map.of("event_name", "x", "email", "nobody-" + visitor + "@example.com"), "email");
		assertRefused(Map.of("event_name", "x", "email", "not an address"), "email");
		assertRefused(Map.of("event_name", "x", "mida_uuid", visitor, "properties", List.of(1)), "properties");
		assertRefused(Map.of("event_name", "x".repeat(201), "mida_uuid", visitor), "event_name");
		assertThat(this.anonymous.post("/experiment/identify", Map.of("key", PROJECT_KEY, "distinct_id", visitor))
			.status()).isEqualTo(400);
		assertThat(this.api.get(project("/events?start_date=2026-13-01")).json().get("error").asString())
			.contains("start_date");
		assertThat(this.anonymous.post(project("/event"), Map.of("event_name", "x", "mida_uuid", visitor)).status())
			.isEqualTo(401);
	}

	private void assertRefused(Map<String, Object> body, String field) {
		Response response = this.api.post(project("/event"), body);
		assertThat(response.status()).as(body.toString()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).as(body.toString()).contains("'" + field + "'");
	}

	private long experimentCountingEvent(String name) {
		Response goal = this.api.post(project("/goal"),
				Map.of("goal_name", name, "goal_key", name, "goal_type", "event", "goal_value", name));
		assertThat(goal.status()).as(goal.body()).isEqualTo(200);
		Response created = this.api.post(project("/create-experiment"),
				Map.of("test_name", name, "url", "https://example.com/", "variants", List.of(Map.of("data", List.of())),
						"primary_goal_key", name, "status", 1));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		return created.json().get("test_id").asLong();
	}

	@SafeVarargs
	private void collect(Map<String, Object>... events) {
		Response response = this.anonymous.post(project("/collect"), Map.of("events", List.of(events)));
		assertThat(response.status()).as(response.body()).isEqualTo(202);
	}

	private String counts(long testId) {
		Response result = this.api.get(project("/experiment/" + testId + "/result"));
		assertThat(result.status()).as(result.body()).isEqualTo(200);
		StringBuilder counts = new StringBuilder("[");
		for (JsonNode variant : result.json().get("variants")) {
			counts.append(counts.length() > 1 ? ", " : "")
				.append(variant.get("visitors").asLong())
				.append('/')
				.append(variant.get("conversions").asLong());
		}
		return counts.append(']').toString();
	}

}
