package dev.uplift.experiment;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.uplift.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExperimentLifecycleTests extends ExperimentIntegrationTest {

	@Test
	void statusWhenDraftToLiveToInactiveToLiveToInactiveToDraftReturns200EachTime() {
		long testId = createDraft();
		int[][] steps = { { 1, 9 }, { 0, 1 }, { 1, 0 }, { 0, 1 }, { 9, 0 }, { 0, 9 } };
		for (int[] step : steps) {
			Response response = setStatus(testId, step[0]);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.json().get("test_id").asLong()).isEqualTo(testId);
			assertThat(response.json().get("status").asInt()).isEqualTo(step[0]);
			assertThat(response.json().get("previous_status").asInt()).isEqualTo(step[1]);
		}
		assertThat(this.api.get(project("/experiment/" + testId)).json().at("/experiment/status").asInt()).isZero();
	}

	@Test
	void statusWhenLiveToDraftReturns409() {
		long testId = createDraft();
		setStatus(testId, 1);
		Response response = setStatus(testId, 9);
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.json().get("error").asString()).contains("is live (1)", "only from inactive (0)");
	}

	@Test
	void statusWhenSameStatusIsNoOp() {
		long testId = createDraft();
		String before = this.api.get(project("/experiment/" + testId)).json().at("/experiment/updated_at").asString();
		Response response = setStatus(testId, 9);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("previous_status").asInt()).isEqualTo(9);
		assertThat(this.api.get(project("/experiment/" + testId)).json().at("/experiment/updated_at").asString())
			.isEqualTo(before);
	}

	@Test
	void statusWhenValueInvalidOrMissingReturns400() {
		long testId = createDraft();
		assertBadRequest(setStatus(testId, 2), "'status' must be 0 (inactive), 1 (live) or 9 (draft)");
		assertBadRequest(setStatus(testId, "live"), "'status' must be an integer");
		assertBadRequest(this.api.patch(project("/experiment/" + testId + "/status"), Map.of()),
				"'status' must be 0 (inactive), 1 (live) or 9 (draft)");
		assertBadRequest(this.api.send("PATCH", project("/experiment/" + testId + "/status"), "application/json", "{"),
				"Malformed JSON");
	}

	@Test
	void concludeIsIdempotentAndKeepsTheFirstEndDate() {
		long testId = createDraft();
		setStatus(testId, 1);
		Response first = this.api.post(project("/experiment/" + testId + "/conclude"), Map.of());
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json().get("status").asInt()).isZero();
		assertThat(first.json().get("is_completed").asInt()).isEqualTo(1);
		String endDate = first.json().get("end_date").asString();
		assertThat(endDate).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
		Response second = this.api.post(project("/experiment/" + testId + "/conclude"), Map.of());
		assertThat(second.json().get("end_date").asString()).isEqualTo(endDate);
		JsonNode experiment = this.api.get(project("/experiment/" + testId)).json().get("experiment");
		assertThat(experiment.get("is_completed").asInt()).isEqualTo(1);
		assertThat(experiment.get("end_date").asString()).isEqualTo(endDate);
	}

	@Test
	void concludeWithWinnerAndNoteStoresThemAndDetailsShowThem() {
		long testId = createDraft();
		setStatus(testId, 1);
		Response concluded = this.api.post(project("/experiment/" + testId + "/conclude"),
				Map.of("winner_variant_id", 1, "note", "  Variant 1 won on signups.\nShip it.  "));
		assertThat(concluded.status()).as(concluded.body()).isEqualTo(200);
		assertThat(concluded.json().get("winner_variant_id").asInt()).isEqualTo(1);
		assertThat(concluded.json().get("note").asString()).isEqualTo("Variant 1 won on signups.\nShip it.");
		// A second conclusion changes nothing, like the end date.
		Response again = this.api.post(project("/experiment/" + testId + "/conclude"),
				Map.of("winner_variant_id", 0, "note", "Changed my mind"));
		assertThat(again.json().get("winner_variant_id").asInt()).isEqualTo(1);
		JsonNode conclusion = this.api.get(project("/experiment/" + testId)).json().at("/experiment/conclusion");
		assertThat(conclusion.get("winner_variant_id").asInt()).isEqualTo(1);
		assertThat(conclusion.get("note").asString()).isEqualTo("Variant 1 won on signups.\nShip it.");
	}

	@Test
	void concludeWhenWinnerIsNoArmReturns400AndConcludesNothing() {
		long testId = createDraft();
		setStatus(testId, 1);
		assertBadRequest(this.api.post(project("/experiment/" + testId + "/conclude"), Map.of("winner_variant_id", 2)),
				"'winner_variant_id' must be the variant_id of one of its arms, 0 to 1");
		assertBadRequest(
				this.api.post(project("/experiment/" + testId + "/conclude"), Map.of("note", "x".repeat(2001))),
				"note");
		JsonNode experiment = this.api.get(project("/experiment/" + testId)).json().get("experiment");
		assertThat(experiment.get("is_completed").asInt()).isZero();
		assertThat(experiment.at("/conclusion/winner_variant_id").isNull()).isTrue();
		assertThat(experiment.at("/conclusion/note").isNull()).isTrue();
	}

	@Test
	void statusWhenConcludedToLiveReturns409() {
		long testId = createDraft();
		this.api.post(project("/experiment/" + testId + "/conclude"), Map.of());
		assertThat(setStatus(testId, 1).status()).isEqualTo(409);
		assertThat(setStatus(testId, 0).status()).isEqualTo(200);
	}

	@Test
	void deleteThenEveryReadReturns404() {
		long testId = createDraft();
		Response deleted = this.api.delete(project("/experiment/" + testId));
		assertThat(deleted.status()).isEqualTo(200);
		assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
		assertThat(deleted.json().get("test_id").asLong()).isEqualTo(testId);
		for (Response response : new Response[] { this.api.get(project("/experiment/" + testId)), setStatus(testId, 1),
				this.api.get(project("/experiment/" + testId + "/share-link")),
				this.api.get(project("/experiment/" + testId + "/distribution")),
				this.api.delete(project("/experiment/" + testId)) }) {
			assertThat(response.status()).isEqualTo(404);
			assertThat(response.json().get("error").asString()).isEqualTo("Experiment not found");
		}
		assertThat(this.api.get(project("/experiments?limit=500")).body())
			.doesNotContain("\"test_id\":" + testId + ",");
	}

	@Test
	void shareLinkWhenEnabledHasAnUnguessableTokenAndDisablingClearsIt() {
		long testId = createDraft();
		Response initially = this.api.get(project("/experiment/" + testId + "/share-link"));
		assertThat(initially.json().get("is_public").asBoolean()).isFalse();
		assertThat(initially.json().get("share_link").isNull()).isTrue();

		Response enabled = this.api.post(project("/experiment/" + testId + "/share-link"), Map.of());
		assertThat(enabled.status()).isEqualTo(200);
		assertThat(enabled.json().get("is_public").asBoolean()).isTrue();
		String link = enabled.json().get("share_link").asString();
		// Relative to Uplift's own origin: without a configured public base URL, no Host
		// header makes it.
		assertThat(link).startsWith("/share/" + testId + "/");
		String token = link.substring(link.lastIndexOf('/') + 1);
		assertThat(token).hasSizeGreaterThanOrEqualTo(22).matches("[A-Za-z0-9_-]+");
		assertThat(this.api.get(project("/experiment/" + testId + "/share-link")).json().get("share_link").asString())
			.isEqualTo(link);

		Response disabled = this.api.delete(project("/experiment/" + testId + "/share-link"));
		assertThat(disabled.json().get("is_public").asBoolean()).isFalse();
		assertThat(disabled.json().get("share_link").isNull()).isTrue();
		String renewed = this.api.post(project("/experiment/" + testId + "/share-link"), Map.of())
			.json()
			.get("share_link")
			.asString();
		assertThat(renewed).isNotEqualTo(link);
	}

	@Test
	void previewUrlsListControlFirstWithVariantTokens() {
		Map<String, Object> body = experiment(2);
		body.put("url", "https://example.com/pricing?plan=pro#top");
		long testId = create(body);
		Response response = this.api.get(project("/experiment/" + testId + "/preview-urls"));
		assertThat(response.status()).isEqualTo(200);
		JsonNode variants = response.json().get("variants");
		assertThat(response.json().get("page_url").asString()).isEqualTo("https://example.com/pricing?plan=pro#top");
		assertThat(variants.get(0).get("variant_id").asInt()).isZero();
		assertThat(variants.get(0).get("preview_url").asString())
			.isEqualTo("https://example.com/pricing?plan=pro&test-preview=" + testId + "&test-variant=0#top");
		assertThat(variants.get(2).get("preview_url").asString())
			.isEqualTo("https://example.com/pricing?plan=pro&test-preview=" + testId + "&test-variant=Variant_2#top");
	}

	@Test
	void previewUrlsWhenNoPageUrlReturns409() {
		Map<String, Object> body = experiment(1);
		body.remove("url");
		body.put("page_urls", java.util.List.of(Map.of("url", "/blog/", "rule", "contain")));
		long testId = create(body);
		assertThat(this.api.get(project("/experiment/" + testId + "/preview-urls")).status()).isEqualTo(409);
	}

	@Test
	void distributionReportsConfiguredWeightsInPercent() {
		Map<String, Object> body = experiment(2);
		body.put("configuration", Map.of("weights", java.util.List.of(2, 2, 0), "traffic_allocation", 80));
		long testId = create(body);
		JsonNode distribution = this.api.get(project("/experiment/" + testId + "/distribution")).json();
		assertThat(distribution.get("status").asString()).isEqualTo("draft");
		assertThat(distribution.get("distribution_mode").asString()).isEqualTo("custom");
		assertThat(distribution.get("is_mab").asBoolean()).isFalse();
		assertThat(distribution.get("traffic_allocation").asInt()).isEqualTo(80);
		JsonNode variants = distribution.get("variants");
		assertThat(variants.get(0).get("variant_id").asString()).isEqualTo("0");
		assertThat(variants.get(0).get("traffic_weight").asDouble()).isEqualTo(50.0);
		assertThat(variants.get(2).get("traffic_weight").asDouble()).isEqualTo(0.0);
		assertThat(variants.get(2).get("variant_status").asString()).isEqualTo("paused");
		JsonNode equal = this.api.get(project("/experiment/" + createDraft() + "/distribution")).json();
		assertThat(equal.get("distribution_mode").asString()).isEqualTo("equal");
		assertThat(equal.at("/variants/1/traffic_weight").asDouble()).isEqualTo(50.0);
	}

}
