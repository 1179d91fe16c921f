package dev.uplift.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.uplift.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-page A/B tests as Mida writes them: several {@code page_urls}, and changes
 * limited to one of those pages by {@code sitewide: false} with {@code pageUrl}
 * (docs/mida-v2-api.md §3.3). A change for a page the experiment never runs on would
 * never be applied, so it is a 400 naming it.
 */
class MultiPageTests extends ExperimentIntegrationTest {

	private static final Map<String, Object> PRICING_CHANGE = change(".price", "https://shop.example/pricing");

	private static final Map<String, Object> CHECKOUT_CHANGE = change(".total", "/checkout/");

	private static final Map<String, Object> EVERY_PAGE_CHANGE = Map.of("target", ".badge", "textContent", "sale");

	static Map<String, Object> change(String target, String pageUrl) {
		Map<String, Object> change = new LinkedHashMap<>();
		change.put("target", target);
		change.put("textContent", "new");
		change.put("sitewide", false);
		change.put("pageUrl", pageUrl);
		return change;
	}

	/** A test of the pricing and checkout pages whose treatment makes these changes. */
	static Map<String, Object> multiPage(List<?> changes) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("test_name", unique("Funnel"));
		body.put("page_urls", List.of("https://shop.example/pricing", Map.of("url", "/checkout", "rule", "simple")));
		body.put("variants", List.of(Map.of("data", changes)));
		return body;
	}

	@Test
	void changesForEachPageAreStoredAndReachTheScriptAsSent() {
		List<Map<String, Object>> changes = List.of(PRICING_CHANGE, CHECKOUT_CHANGE, EVERY_PAGE_CHANGE);
		long testId = create(multiPage(changes));
		setStatus(testId, 1);

		JsonNode details = this.api.get(project("/experiment/" + testId)).json().get("experiment");
		assertThat(details.get("url").asString()).isEqualTo("https://shop.example/pricing");
		assertThat(details.at("/variants/1/data")).isEqualTo(SplitUrlTests
			.json("[{\"target\":\".price\",\"textContent\":\"new\",\"sitewide\":false,\"pageUrl\":\"https://shop.example/pricing\"},"
					+ "{\"target\":\".total\",\"textContent\":\"new\",\"sitewide\":false,\"pageUrl\":\"/checkout/\"},"
					+ "{\"target\":\".badge\",\"textContent\":\"sale\"}]"));
		JsonNode config = null;
		for (JsonNode experiment : this.anonymous.get(project("/client-config")).json().get("experiments")) {
			config = (experiment.get("test_id").asLong() == testId) ? experiment : config;
		}
		assertThat(config).isNotNull();
		assertThat(config.at("/variants/1/data")).isEqualTo(details.at("/variants/1/data"));
		assertThat(config.get("page_urls").size()).isEqualTo(2);
		assertThat(config.has("test_type")).isFalse();
	}

	@Test
	void createWhenAChangeIsForAPageTheExperimentDoesNotRunOnReturns400NamingIt() {
		Response response = this.api.post(project("/create-experiment"),
				multiPage(List.of(PRICING_CHANGE, change(".total", "https://shop.example/cart"))));
		assertBadRequest(response, "'variants[0].data[1].pageUrl' is not a page the experiment runs on");
	}

	@Test
	void createWhenAChangeForOnePageNamesNoPageReturns400() {
		Map<String, Object> noPage = new LinkedHashMap<>(PRICING_CHANGE);
		noPage.remove("pageUrl");
		assertBadRequest(this.api.post(project("/create-experiment"), multiPage(List.of(noPage))),
				"'variants[0].data[0].pageUrl' must be the one page this change is for");
		noPage.put("pageUrl", "javascript:alert(1)");
		assertBadRequest(this.api.post(project("/create-experiment"), multiPage(List.of(noPage))),
				"'variants[0].data[0].pageUrl' must be the one page this change is for");
		Map<String, Object> badSwitch = new LinkedHashMap<>(PRICING_CHANGE);
		badSwitch.put("sitewide", "no");
		assertBadRequest(this.api.post(project("/create-experiment"), multiPage(List.of(badSwitch))),
				"'variants[0].data[0].sitewide' must be true or false");
	}

	@Test
	void aSitewideChangeNeedsNoPage() {
		Map<String, Object> sitewide = new LinkedHashMap<>(PRICING_CHANGE);
		sitewide.put("sitewide", true);
		sitewide.put("pageUrl", "https://elsewhere.example/");
		Response response = this.api.post(project("/create-experiment"), multiPage(List.of(sitewide)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	@Test
	void updateWhenThePagesNoLongerHoldAChangesPageReturns400AndKeepsThem() {
		long testId = create(multiPage(List.of(PRICING_CHANGE, CHECKOUT_CHANGE)));
		Response response = this.api.patch(project("/experiment/" + testId),
				Map.of("page_urls", List.of("https://shop.example/pricing")));
		assertBadRequest(response, "'variants[0].data[1].pageUrl' is not a page the experiment runs on");
		assertThat(this.api.get(project("/experiment/" + testId)).json().at("/experiment/page_urls").size())
			.isEqualTo(2);
	}

}
