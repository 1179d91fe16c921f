package dev.uplift.dashboard;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.HeadlessChromium;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The experiment view's secondary goals in a real headless Chromium: one row per goal and
 * treatment with Holm across metrics said, revenue per visitor, and the report phase of a
 * served winner; and the copy buttons of the install snippet and the share link, read
 * back from Chromium's clipboard.
 */
@Tag("browser")
class DashboardMetricsBrowserTests extends IntegrationTest {

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	@Test
	void secondaryGoalsShowPerTreatmentWithHolmAcrossMetricsRevenueAndThePhase() throws IOException {
		String suffix = Long.toString(System.nanoTime());
		for (String goal : List.of("buy", "cart", "bounce")) {
			Response created = this.api.post(project("/goal"), Map.of("goal_name", goal + " " + suffix, "goal_key",
					goal + suffix, "goal_type", "clickOnElement", "goal_value", "." + goal));
			assertThat(created.status()).as(created.body()).isIn(200, 201);
		}
		Response created = this.api.post(project("/create-experiment"),
				Map.of("test_name", "Guardrails " + suffix, "url", "https://example.com/", "variants",
						List.of(Map.of("data", List.of()), Map.of("data", List.of())), "status", 1, "primary_goal_key",
						"buy" + suffix, "secondary_goal_keys", List.of("cart" + suffix, "bounce" + suffix)));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		long testId = created.json().get("test_id").asLong();
		// Per arm, 600 visitors; buy, cart (each worth 10) and bounce converters.
		int[][] converters = { { 30, 60, 200 }, { 40, 150, 210 }, { 30, 60, 200 } };
		List<Map<String, Object>> events = new ArrayList<>();
		for (int arm = 0; arm < 3; arm++) {
			for (int n = 0; n < 600; n++) {
				String visitor = "metrics-" + suffix + "-" + arm + "-" + n;
				events.add(Events.exposure(visitor + "-x", visitor, testId, arm));
				String[] goals = { "buy", "cart", "bounce" };
				for (int goal = 0; goal < 3; goal++) {
					if (n < converters[arm][goal]) {
						Map<String, Object> conversion = Events.goal(visitor + "-" + goal, visitor,
								goals[goal] + suffix);
						if (goal == 1) {
							conversion.put("properties", Map.of("revenue", 10.0));
						}
						events.add(conversion);
					}
				}
			}
		}
		collect(events);

		signIn();
		browser().get(url("/dashboard#experiment/" + testId));
		page().await(15).until((driver) -> driver.findElements(By.cssSelector("#metrics tbody tr")).size() == 4);
		assertThat(page().text("metrics-summary"))
			.contains("Holm-adjusted across 2 metrics and 2 treatments (4 comparisons)");
		WebElement cart = metricRow("cart" + suffix, "1");
		assertThat(cart.findElement(By.cssSelector("th")).getText()).isEqualTo("cart " + suffix);
		assertThat(cart.getAttribute("data-verdict")).isEqualTo("winner");
		assertThat(cart.findElement(By.cssSelector(".lift")).getText()).matches("\\+\\d+% \\(\\d+% to \\d+%\\)");
		assertThat(cart.findElement(By.cssSelector(".rate")).getText()).isEqualTo("25.00 % vs 10.00 %");
		assertThat(cart.findElement(By.cssSelector(".rpv")).getText()).isEqualTo("$2.50 vs $1.00");
		assertThat(cart.findElement(By.cssSelector(".rpv-lift")).getText()).startsWith("+150%");
		WebElement bounce = metricRow("bounce" + suffix, "1");
		assertThat(bounce.getAttribute("data-verdict")).isEqualTo("keep-running");
		assertThat(bounce.findElement(By.cssSelector(".rpv")).getText()).isEqualTo("—");
		// Keyboard: the explanation of the adjusted p-value shows on focus.
		WebElement term = browser().findElement(By.cssSelector("#metrics th.num .term-name"));
		page().tabTo(browser().findElement(By.cssSelector("#result-form button[type=submit]")));
		page().tabTo(term);
		assertThat(browser().findElement(By.id(term.getAttribute("aria-describedby"))).isDisplayed()).isTrue();
		page().axe("experiment with secondary goals");
		browser().manage().window().setSize(new Dimension(390, 844));
		assertThat(page().scrollsSideways()).as("sideways scrolling at 390 px").isFalse();
		page().axe("experiment with secondary goals at 390 px");
		page().screenshotOf("metrics-section", "dashboard-metrics-narrow.png", 390);
		page().screenshotOf("metrics-section", "dashboard-metrics.png", 1200);

		// A winner served: the phase control appears, and the metrics follow the phase
		// chosen.
		Response served = this.api.post(project("/experiment/" + testId + "/serve-winner"),
				Map.of("variant_id", "1", "traffic_allocation", 100));
		assertThat(served.status()).as(served.body()).isEqualTo(200);
		String late = "metrics-" + suffix + "-after-";
		collect(List.of(Events.exposure(late + "1x", late + "1", testId, 1),
				Events.exposure(late + "2x", late + "2", testId, 1),
				Events.goal(late + "1c", late + "1", "cart" + suffix)));
		browser().navigate().refresh();
		new Select(page().awaitVisible("result-phase")).selectByValue("post_deploy");
		browser().findElement(By.cssSelector("#result-form button[type=submit]")).click();
		page().await(15)
			.until((driver) -> metricRow("cart" + suffix, "1").findElement(By.cssSelector(".rate"))
				.getText()
				.equals("50.00 % vs —"));
		assertThat(page().text("result-window")).contains("Only since the winner was first served");
		assertThat(page().byId("timeseries-section").isDisplayed()).isFalse();
		page().axe("experiment after its winner was served");
	}

	@Test
	void theCopyButtonsPutTheSnippetAndTheShareLinkOnTheClipboard() {
		Response created = this.api.post(project("/create-experiment"), Map.of("test_name", "Copy me", "url",
				"https://example.com/", "variants", List.of(Map.of("data", List.of()))));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		long testId = created.json().get("test_id").asLong();
		signIn();
		page().grantClipboard(url(""));
		browser().get(url("/dashboard#settings"));
		String tag = page().awaitVisible("snippet-code").getText();
		assertThat(tag).contains("/snippet.js?key=" + PROJECT_KEY);
		page().click("snippet-copy");
		page().awaitText("snippet-copy", "Copied");
		assertThat(page().clipboard()).isEqualTo(tag);
		// The label comes back.
		page().await(5).until((driver) -> page().text("snippet-copy").equals("Copy"));

		browser().get(url("/dashboard#experiment/" + testId));
		page().click("share-enable");
		String link = page().awaitVisible("share-link").getAttribute("href");
		assertThat(link).contains("/share/" + testId + "/");
		page().click("share-copy");
		page().awaitText("share-copy", "Copied");
		assertThat(page().clipboard()).isEqualTo(link);
		page().await(5).until((driver) -> page().text("share-copy").equals("Copy link"));
	}

	private WebElement metricRow(String goalKey, String variantId) {
		return browser()
			.findElement(By.cssSelector("#metrics tr[data-goal='" + goalKey + "'][data-variant='" + variantId + "']"));
	}

	private void collect(List<Map<String, Object>> events) {
		for (Map<String, Object> batch : Events.batches(events, 1000)) {
			Response accepted = this.anonymous.post(project("/collect"), batch);
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		}
	}

	private void signIn() {
		page().signIn(url("/dashboard"));
	}

	private static DashboardPage page() {
		return new DashboardPage(browser());
	}

	private static ChromeDriver browser() {
		return chromium.driver();
	}

	private String url(String path) {
		return "http://localhost:" + port() + path;
	}

}
