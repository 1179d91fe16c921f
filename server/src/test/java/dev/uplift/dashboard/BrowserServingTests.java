package dev.uplift.dashboard;

import java.util.List;
import java.util.Map;

import dev.uplift.assignment.Bucketing;
import dev.uplift.support.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A served winner on a demo page in a real headless Chromium: visitors the rollout takes
 * see the winner's change, the others the page as it is.
 */
class BrowserServingTests extends DemoPageBrowserTest {

	@Test
	void demoPageShowsTheServedWinnerOnlyToTheRolloutShare() {
		Response created = this.api.post(project("/create-experiment"), Map.of("test_name", "Served winner",
				"page_urls", List.of(Map.of("url", PAGE, "rule", "simple")), "variants",
				List.of(Map.of("data", List.of(), "customJS", "document.body.setAttribute('data-served', 'variant-1')"),
						Map.of("data", List.of(), "customJS",
								"document.body.setAttribute('data-served', 'variant-2')")),
				"status", 1));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		long testId = created.json().get("test_id").asLong();
		this.started.add(testId);
		String seed = Long.toString(testId);
		Response served = this.api.post(project("/experiment/" + testId + "/serve-winner"),
				Map.of("variant_id", "2", "traffic_allocation", 50));
		assertThat(served.status()).as(served.body()).isEqualTo(200);
		int inside = 0;
		for (int n = 1; inside < 2 || n - inside < 3; n++) {
			String visitor = "served-visitor-" + testId + "-" + n;
			boolean in = Bucketing.inRollout(seed, visitor, 50);
			Map<String, Object> seen = arrive(visitor, testId);
			assertThat(seen.get("variant")).as("variant for %s", visitor).isEqualTo(in ? "2" : null);
			assertThat(seen.get("ran")).as("change seen by %s", visitor).isEqualTo(in ? "variant-2" : "");
			inside += in ? 1 : 0;
		}
	}

	/** Opens the page as a visitor whose id cookie says so; what the script did. */
	@SuppressWarnings("unchecked")
	private Map<String, Object> arrive(String visitorId, long testId) {
		openPageAs(visitorId);
		return (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				var testId = arguments[0];
				window.upliftq.push(function (uplift) {
				  done({visitorId: uplift.visitorId(), variant: uplift.getVariant(testId),
				        ran: document.body.getAttribute('data-served') || ''});
				});
				""", testId);
	}

}
