package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.uplift.support.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Split-URL tests ({@code test_type: "split"}, docs/mida-v2-api.md §3.3): each treatment
 * is a redirect in {@code variants[].data[0]}, stored and answered as sent, handed to the
 * browser script by client-config, and the page of its preview link.
 */
class SplitUrlTests extends ExperimentIntegrationTest {

	private static final String PAGE = "https://shop.example/pricing";

	/** A split test of the pricing page with one treatment per redirect. */
	static Map<String, Object> split(Object... redirects) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("test_name", unique("Split"));
		body.put("test_type", "split");
		body.put("url", PAGE);
		List<Map<String, Object>> variants = new ArrayList<>();
		for (Object redirect : redirects) {
			variants.add(Map.of("data", List.of(redirect)));
		}
		body.put("variants", variants);
		return body;
	}

	@Test
	void createThenDetailsAnswerTheTypeAndEachRedirectAsSent() {
		long testId = create(split(Map.of("url", "https://shop.example/pricing-b", "relay_param", true),
				Map.of("url", "/pricing-c"), Map.of("url", "https://offers.example/p?from=ab", "relay_param", 0)));

		JsonNode experiment = details(testId);
		assertThat(experiment.get("test_type").asString()).isEqualTo("split");
		assertThat(experiment.at("/variants/0/data")).isEqualTo(json("[]"));
		assertThat(experiment.at("/variants/1/data"))
			.isEqualTo(json("[{\"url\":\"https://shop.example/pricing-b\",\"relay_param\":true}]"));
		assertThat(experiment.at("/variants/2/data")).isEqualTo(json("[{\"url\":\"/pricing-c\"}]"));
		assertThat(experiment.at("/variants/3/data"))
			.isEqualTo(json("[{\"url\":\"https://offers.example/p?from=ab\",\"relay_param\":0}]"));
	}

	@Test
	void detailsOfAnExperimentCreatedWithoutTypeSayAbtest() {
		assertThat(details(createDraft()).get("test_type").asString()).isEqualTo("abtest");
	}

	@Test
	void createWhenATreatmentHasNoRedirectReturns400NamingItsUrl() {
		Map<String, Object> body = split(Map.of("url", "/b"));
		body.put("variants", List.of(Map.of("data", List.of(Map.of("url", "/b"))), Map.of("data", List.of())));
		assertBadRequest(this.api.post(project("/create-experiment"), body), "'variants[1].data[0].url' is required");
		body.put("variants", List.of(Map.of("name", "Variant 1")));
		assertBadRequest(this.api.post(project("/create-experiment"), body), "'variants[0].data[0].url' is required");
	}

	@ParameterizedTest
	@ValueSource(strings = { "javascript:alert(1)", "data:text/html,<b>x</b>", "//evil.example/b",
			"ftp://shop.example/b", "https://", "pricing-b", "https://shop.example/a b", " " })
	void createWhenARedirectIsNotAWebPageReturns400NamingIt(String url) {
		Response response = this.api.post(project("/create-experiment"),
				split(Map.of("url", "/fine"), Map.of("url", url)));
		assertBadRequest(response, "'variants[1].data[0].url' must be an http:// or https:// address");
	}

	@Test
	void createWhenARedirectIsMalformedReturns400NamingTheField() {
		assertBadRequest(this.api.post(project("/create-experiment"), split(Map.of("url", 12))),
				"'variants[0].data[0].url' must be a string");
		assertBadRequest(this.api.post(project("/create-experiment"), split("https://shop.example/b")),
				"'variants[0].data[0].url' is required");
		assertBadRequest(this.api.post(project("/create-experiment"), split(Map.of("url", "/b", "relay_param", "yes"))),
				"'variants[0].data[0].relay_param' must be 0 or 1");
	}

	@Test
	void createWhenATreatmentHasMoreThanItsRedirectReturns400() {
		Map<String, Object> body = split(Map.of("url", "/b"));
		body.put("variants",
				List.of(Map.of("data", List.of(Map.of("url", "/b"), Map.of("target", "h1", "innerText", "B")))));
		assertBadRequest(this.api.post(project("/create-experiment"), body), "'variants[0].data[1]' cannot be applied");
		body.put("variants", List.of(Map.of("data", List.of(Map.of("url", "/b")), "customJS", "alert(1)")));
		assertBadRequest(this.api.post(project("/create-experiment"), body), "'variants[0].customJS' would never run");
		body.put("variants", List.of(Map.of("data", List.of(Map.of("url", "/b")), "customCSS", "h1{}")));
		assertBadRequest(this.api.post(project("/create-experiment"), body), "'variants[0].customCSS' would never run");
	}

	@Test
	void createWhenARedirectIsAPageOfTheExperimentReturns400() {
		assertBadRequest(this.api.post(project("/create-experiment"), split(Map.of("url", PAGE + "/?plan=pro"))),
				"'variants[0].data[0].url' is a page the experiment runs on");
		Map<String, Object> body = split(Map.of("url", "/pricing-b"));
		body.put("page_urls", List.of(Map.of("url", "/pricing", "rule", "contain")));
		assertBadRequest(this.api.post(project("/create-experiment"), body),
				"'variants[0].data[0].url' is a page the experiment runs on");
		body.put("page_urls", List.of(Map.of("url", "/pricing", "rule", "contain"),
				Map.of("url", "/pricing-b", "rule", "simple", "allowed", false)));
		assertThat(this.api.post(project("/create-experiment"), body).status()).isEqualTo(200);
	}

	@Test
	void createWhenControlRedirectsReturns400AndStoresNothing() {
		Map<String, Object> body = split(Map.of("url", "/b"));
		body.put("control", Map.of("data", List.of(Map.of("url", "/a"))));
		assertBadRequest(this.api.post(project("/create-experiment"), body), "'control.data[0]' is a redirect");
		assertThat(this.api.get(project("/experiments?limit=500")).body())
			.doesNotContain(body.get("test_name").toString());
	}

	@Test
	void createWhenAnAbTestHoldsARedirectReturns400PointingToTestType() {
		Map<String, Object> body = split(Map.of("url", "/b", "relay_param", true));
		body.remove("test_type");
		assertBadRequest(this.api.post(project("/create-experiment"), body),
				"'variants[0].data[0]' is a split-URL redirect ({url, relay_param}), which only a split-URL test "
						+ "follows: send \"test_type\": \"split\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "mvt", "personalization" })
	void createWhenTestTypeIsNotRunReturns400NamingIt(String type) {
		Map<String, Object> body = experiment(1);
		body.put("test_type", type);
		assertBadRequest(this.api.post(project("/create-experiment"), body),
				"'test_type' is not supported by Uplift: it runs A/B tests ('abtest') and split-URL tests ('split')");
	}

	@Test
	void updateOfALiveSplitTestChangesItsRedirectsAndChecksThem() {
		long testId = create(split(Map.of("url", "/b")));
		setStatus(testId, 1);
		String path = project("/experiment/" + testId);
		Response changed = this.api.patch(path,
				Map.of("variants", List.of(Map.of("data", List.of(Map.of("url", "/b2", "relay_param", true))))));
		assertThat(changed.status()).as(changed.body()).isEqualTo(200);
		assertThat(details(testId).at("/variants/1/data")).isEqualTo(json("[{\"url\":\"/b2\",\"relay_param\":true}]"));

		assertBadRequest(this.api.patch(path, Map.of("variants", List.of(Map.of("data", List.of())))),
				"'variants[0].data[0].url' is required");
		assertBadRequest(this.api.patch(path, Map.of("url", "/b2")),
				"'variants[0].data[0].url' is a page the experiment runs on");
		assertThat(details(testId).at("/variants/1/data/0/url").asString()).isEqualTo("/b2");
		assertThat(details(testId).get("url").asString()).isEqualTo(PAGE);
	}

	@Test
	void updateOfTheTypeWorksOnADraftOnly() {
		long draft = createDraft();
		Response toSplit = this.api.patch(project("/experiment/" + draft),
				Map.of("test_type", "split", "variants", List.of(Map.of("data", List.of(Map.of("url", "/b"))))));
		assertThat(toSplit.status()).as(toSplit.body()).isEqualTo(200);
		assertThat(details(draft).get("test_type").asString()).isEqualTo("split");

		long live = createDraft();
		setStatus(live, 1);
		Response refused = this.api.patch(project("/experiment/" + live),
				Map.of("test_type", "split", "variants", List.of(Map.of("data", List.of(Map.of("url", "/b"))))));
		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat(refused.json().get("error").asString()).contains("test_type can change only while it is a draft");
		assertThat(details(live).get("test_type").asString()).isEqualTo("abtest");
	}

	@Test
	void previewLinksOfTreatmentsOpenTheirRedirect() {
		long testId = create(split(Map.of("url", "https://shop.example/pricing-b?layout=b#top"),
				Map.of("url", "/pricing-c", "relay_param", true)));
		JsonNode links = this.api.get(project("/experiment/" + testId + "/preview-urls")).json();
		String preview = "test-preview=" + testId + "&test-variant=";
		assertThat(links.get("page_url").asString()).isEqualTo(PAGE);
		assertThat(links.at("/variants/0/preview_url").asString()).isEqualTo(PAGE + "?" + preview + "0");
		assertThat(links.at("/variants/1/preview_url").asString())
			.isEqualTo("https://shop.example/pricing-b?layout=b&" + preview + "Variant_1#top");
		assertThat(links.at("/variants/2/preview_url").asString())
			.isEqualTo("https://shop.example/pricing-c?" + preview + "Variant_2");
	}

	@Test
	void clientConfigCarriesTheTypeAndEachTreatmentsRedirect() {
		long testId = create(
				split(Map.of("url", "/pricing-b", "relay_param", true), Map.of("url", "https://offers.example/b")));
		setStatus(testId, 1);
		JsonNode experiment = clientConfigExperiment(testId);
		assertThat(experiment.get("test_type").asString()).isEqualTo("split");
		assertThat(experiment.at("/variants/0").has("redirect")).isFalse();
		assertThat(experiment.at("/variants/1/redirect"))
			.isEqualTo(json("{\"url\":\"/pricing-b\",\"relay_param\":true}"));
		assertThat(experiment.at("/variants/2/redirect"))
			.isEqualTo(json("{\"url\":\"https://offers.example/b\",\"relay_param\":false}"));
		assertThat(experiment.at("/variants/1/data"))
			.isEqualTo(json("[{\"url\":\"/pricing-b\",\"relay_param\":true}]"));
	}

	JsonNode clientConfigExperiment(long testId) {
		Response config = this.anonymous.get(project("/client-config"));
		assertThat(config.status()).isEqualTo(200);
		for (JsonNode experiment : config.json().get("experiments")) {
			if (experiment.get("test_id").asLong() == testId) {
				return experiment;
			}
		}
		throw new AssertionError("client-config does not list experiment " + testId + ": " + config.body());
	}

	JsonNode details(long testId) {
		Response response = this.api.get(project("/experiment/" + testId));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("experiment");
	}

	static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

}
