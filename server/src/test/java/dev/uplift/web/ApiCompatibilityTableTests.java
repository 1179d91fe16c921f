package dev.uplift.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route table of docs/api-compatibility.md against the server: the table has exactly
 * the rows of the digest's summary table (docs/mida-v2-api.md §4.8), and every route,
 * called with a request the digest documents, answers the status its row names. A route
 * "not offered" answers 404 (no such route), 405 (no such method on a path that has
 * others) or 501 (a product Uplift does not have); one that works or differs answers 2xx.
 * A route that lands, or one that stops working, fails this test until its row says so.
 *
 * Each route is called on a project of its own, holding two live experiments in an
 * exclusion group, two drafts in none, goals, a custom event and a comment, so that
 * deleting routes destroy only their own fixture.
 */
class ApiCompatibilityTableTests extends IntegrationTest {

	private static final Path DIGEST = Path.of("..", "docs", "mida-v2-api.md");

	private static final Path TABLE = Path.of("..", "docs", "api-compatibility.md");

	private static final String DIGEST_HEADING = "### 4.8 Endpoint summary table";

	private static final String TABLE_HEADING = "## Every route of Mida's API";

	private static final Set<String> VERDICTS = Set.of("works", "differs", "not offered");

	/** A request the digest documents for each route, by "METHOD path". */
	private static final Map<String, Object> BODIES = bodies();

	@Test
	void theTableHasOneRowPerRouteOfTheDigest() throws IOException {
		List<String> digest = rows(DIGEST, DIGEST_HEADING).stream()
			.map((row) -> row.get(0) + " " + row.get(1))
			.toList();
		List<String> table = rows(TABLE, TABLE_HEADING).stream().map((row) -> row.get(0) + " " + row.get(1)).toList();
		assertThat(digest).hasSize(47);
		assertThat(table).containsExactlyElementsOf(digest);
		assertThat(BODIES.keySet()).allMatch(digest::contains);
	}

	@Test
	void everyRouteAnswersWhatItsRowSays() throws IOException {
		List<String> failures = new ArrayList<>();
		for (List<String> row : rows(TABLE, TABLE_HEADING)) {
			String method = row.get(0);
			String route = row.get(1);
			String verdict = row.get(2);
			int expected = Integer.parseInt(row.get(3));
			assertThat(VERDICTS).as(method + " " + route).contains(verdict);
			assertThat(verdict.equals("not offered") ? Set.of(404, 405, 501).contains(expected) : expected / 100 == 2)
				.as("%s %s: a route %s answers %s", method, route, verdict,
						verdict.equals("not offered") ? "404, 405 or 501" : "2xx")
				.isTrue();
			Fixture fixture = fixture();
			String path = "/v2/project/" + fixture.projectKey() + fixture.substitute(route);
			if (route.endsWith("/serving-rollout") || route.endsWith("/stop-serving")) {
				// Both act on a winner being served, as the digest's examples do.
				Response serving = this.api.post("/v2/project/" + fixture.projectKey()
						+ fixture.substitute("/experiment/{test_id}/serve-winner"), Map.of("variant_id", "1"));
				assertThat(serving.status()).as(serving.body()).isEqualTo(200);
			}
			Object body = method.equals("POST") && route.equals("/exclusion-groups")
					? Map.of("name", "Second group", "tests", fixture.ungrouped()) : BODIES.get(method + " " + route);
			Response response = switch (method) {
				case "GET" -> this.api.get(path);
				case "DELETE" -> this.api.delete(path);
				case "POST" -> this.api.post(path, (body != null) ? body : Map.of());
				case "PATCH" -> this.api.patch(path, (body != null) ? body : Map.of());
				default -> throw new AssertionError("method " + method);
			};
			if (response.status() != expected) {
				failures.add(method + " " + route + ": expected " + expected + ", got " + response.status() + " "
						+ response.body());
			}
			if (verdict.equals("not offered") && response.status() == expected) {
				assertThat(response.json().get("error").asString()).as(method + " " + route).isNotBlank();
			}
		}
		assertThat(failures).as("routes answering other than docs/api-compatibility.md says").isEmpty();
	}

	/**
	 * A project of the bootstrap organization with one of everything a route can name.
	 */
	private Fixture fixture() {
		Response project = this.api.post(project("/projects"),
				Map.of("website_name", "Route table", "allowed_website", "https://example.com"));
		assertThat(project.status()).as(project.body()).isEqualTo(201);
		String key = project.json().at("/project/project_key").asString();
		String base = "/v2/project/" + key;
		long testId = Experiments.create(this.api, base, "Table A", "table_goal", 1);
		long otherId = Experiments.create(this.api, base, "Table B", "table_other", 1);
		List<Map<String, Long>> ungrouped = List.of(
				Map.of("test_id", Experiments.create(this.api, base, "Table C", "table_c", 9)),
				Map.of("test_id", Experiments.create(this.api, base, "Table D", "table_d", 9)));
		long goalId = this.api.get(base + "/goals").json().at("/goals/0/goal_profile_id").asLong();
		Response group = this.api.post(base + "/exclusion-groups",
				Map.of("name", "Table group", "tests", List.of(Map.of("test_id", testId), Map.of("test_id", otherId))));
		assertThat(group.status()).as(group.body()).isEqualTo(200);
		Response exposure = this.anonymous.post(base + "/collect",
				Map.of("events", List.of(Events.exposure("table-exposure", "table-visitor", testId, 0))));
		assertThat(exposure.status()).as(exposure.body()).isEqualTo(202);
		Response event = this.api.post(base + "/event", Map.of("event_name", "signup", "mida_uuid", "table-visitor"));
		Response comment = this.api.post(base + "/experiment/" + testId + "/discussion",
				Map.of("comment", "Looks good"));
		return new Fixture(key, testId, ungrouped, group.json().get("group_id").asLong(), goalId,
				(event.status() == 200) ? event.json().get("event_id").asString() : "1",
				(comment.status() == 200) ? comment.json().get("comment_id").asString() : "1");
	}

	/**
	 * The rows of the first table after the heading: cells without their backquotes,
	 * {@code ``} as the empty path.
	 */
	static List<List<String>> rows(Path file, String heading) throws IOException {
		List<String> lines = Files.readAllLines(file);
		int at = 0;
		while (at < lines.size() && !lines.get(at).startsWith(heading)) {
			at++;
		}
		assertThat(at).as(heading + " in " + file).isLessThan(lines.size());
		while (!lines.get(at).startsWith("|")) {
			at++;
		}
		List<List<String>> rows = new ArrayList<>();
		for (at += 2; at < lines.size() && lines.get(at).startsWith("|"); at++) {
			List<String> cells = new ArrayList<>();
			for (String cell : lines.get(at).substring(1).split("\\|")) {
				cells.add(cell.replace("`` (empty)", "``").strip().replace("`", ""));
			}
			rows.add(cells);
		}
		return rows;
	}

	private static Map<String, Object> bodies() {
		Map<String, Object> bodies = new LinkedHashMap<>();
		bodies.put("POST /projects", Map.of("website_name", "Another site", "allowed_website", "https://example.org"));
		bodies.put("PATCH ", Map.of("website_name", "Renamed site"));
		bodies.put("PATCH /configuration", Map.of("confidence_level", 90));
		bodies.put("POST /create-experiment", Map.of("test_name", "Created", "url", "https://example.com/", "variants",
				List.of(Map.of("data", List.of()))));
		bodies.put("PATCH /experiment/{test_id}", Map.of("test_name", "Renamed"));
		bodies.put("PATCH /experiment/{test_id}/status", Map.of("status", 0));
		bodies.put("POST /experiment/{test_id}/serve-winner", Map.of("variant_id", "1"));
		bodies.put("PATCH /experiment/{test_id}/serving-rollout", Map.of("traffic_allocation", 50));
		bodies.put("POST /experiment/{test_id}/discussion", Map.of("comment", "Ship it", "source", "agent"));
		bodies.put("POST /personalization/campaigns", Map.of("strategy", "accounts", "page_urls",
				List.of("https://example.com/"), "accounts", List.of(Map.of("name", "Acme"))));
		bodies.put("POST /personalization/campaigns/{campaign_id}/accounts",
				Map.of("accounts", List.of(Map.of("name", "Acme"))));
		bodies.put("PATCH /exclusion-groups/{group_id}", Map.of("name", "Renamed group"));
		bodies.put("POST /event", Map.of("event_name", "signup", "mida_uuid", "table-visitor"));
		bodies.put("PATCH /event/{event_id}", Map.of("status", 2));
		bodies.put("POST /goal", Map.of("goal_name", "Signup", "goal_type", "event", "goal_value", "signup"));
		bodies.put("PATCH /goal/{goal_profile_id}", Map.of("goal_name", "Renamed goal"));
		return bodies;
	}

	/**
	 * What a fixture project holds, to put into a route's path.
	 */
	private record Fixture(String projectKey, long testId, List<Map<String, Long>> ungrouped, long groupId, long goalId,
			String eventId, String commentId) {

		String substitute(String route) {
			return route.replace("{test_id}", Long.toString(this.testId))
				.replace("{group_id}", Long.toString(this.groupId))
				.replace("{goal_profile_id}", Long.toString(this.goalId))
				.replace("{event_id}", this.eventId)
				.replace("{comment_id}", this.commentId)
				.replace("{campaign_id}", "1");
		}

	}

}
