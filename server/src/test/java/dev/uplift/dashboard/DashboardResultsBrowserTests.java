package dev.uplift.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdicts, charts and share page in a real headless Chromium, each view checked by
 * axe-core (from snippet/node_modules, never served) for serious or critical violations,
 * and the time to an interactive experiment view measured with the Performance API and
 * reported, not asserted.
 */
@Tag("browser")
class DashboardResultsBrowserTests extends IntegrationTest {

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	@Test
	void verdictsChartsAndTheSharePageTellAWinnerFromALoser() throws IOException {
		long testId = experiment("Headline test", "headline_click", List.of("Bold", "Plain"));
		// Control converts 10 %, Bold 15 % (a winner), Plain 6 % (a loser), half of
		// everyone on mobile.
		collect(testId, "headline_click", new int[] { 1500, 1500, 1500 }, new int[] { 150, 225, 90 }, 0);

		signIn();
		page().awaitVisible("list");
		assertThat(browser().getTitle()).isEqualTo("Experiments · Uplift");
		axe("list");
		// Keyboard only: Tab to the experiment's link and open it with Enter.
		WebElement link = browser().findElement(By
			.cssSelector("#experiments tr[data-test-id='" + testId + "'] a, a[href='#experiment/" + testId + "']"));
		tabTo(link);
		browser().switchTo().activeElement().sendKeys(Keys.ENTER);
		awaitVerdicts(2);
		assertThat(browser().getTitle()).isEqualTo("Headline test · Uplift");
		assertThat(browser().switchTo().activeElement().getAttribute("id")).isEqualTo("detail-name");

		WebElement winner = verdict("1");
		assertThat(winner.getAttribute("data-verdict")).isEqualTo("winner");
		assertThat(winner.findElement(By.cssSelector("h3 .badge")).getText()).isEqualTo("Winner");
		assertThat(winner.findElement(By.cssSelector(".lift")).getText()).matches("\\+\\d+% \\(\\d+% to \\d+%\\)");
		assertThat(winner.findElement(By.cssSelector(".lift")).getAttribute("class")).contains("up");
		WebElement loser = verdict("2");
		assertThat(loser.getAttribute("data-verdict")).isEqualTo("loser");
		assertThat(loser.findElement(By.cssSelector("h3 .badge")).getText()).isEqualTo("Loser");
		assertThat(loser.findElements(By.cssSelector(".badge-winner"))).isEmpty();
		assertThat(loser.findElement(By.cssSelector(".lift")).getText()).matches("-\\d+% \\(-\\d+% to -\\d+%\\)");
		assertThat(page().text("statistics-summary")).startsWith("Bayesian engine · 95 % threshold");
		// Revenue per visitor beside the conversion rate: 225 × 20 over 1,500 visitors.
		assertThat(browser().findElement(By.cssSelector("#result th.revenue")).isDisplayed()).isTrue();
		assertThat(browser().findElement(By.cssSelector("#result tr[data-variant='1'] .rpv")).getText())
			.endsWith("3.00");
		assertThat(browser().findElement(By.cssSelector("#result tr[data-variant='1'] .rpv-improvement")).getText())
			.isEqualTo("+50.00 %");

		// The experiment's engine up front; the other one folded, Holm-adjusted said.
		assertThat(winner.findElement(By.cssSelector(".headline dd[data-key=chance]")).isDisplayed()).isTrue();
		WebElement pValue = winner.findElement(By.cssSelector("details dd[data-key=p-value]"));
		assertThat(pValue.isDisplayed()).isFalse();
		WebElement summary = winner.findElement(By.tagName("summary"));
		tabTo(summary);
		browser().switchTo().activeElement().sendKeys(Keys.ENTER);
		assertThat(pValue.isDisplayed()).isTrue();
		assertThat(winner.findElement(By.cssSelector("details dl")).getText()).contains("p-value (Holm-adjusted)");
		// A tooltip explains a statistic when its name gets keyboard focus.
		WebElement term = winner.findElement(By.cssSelector(".headline .term-name"));
		tabTo(term);
		WebElement tip = browser().findElement(By.id(term.getAttribute("aria-describedby")));
		assertThat(tip.isDisplayed()).isTrue();
		assertThat(tip.getText()).contains("probability");

		assertThat(browser().findElements(By.cssSelector("#forest .forest-row"))).hasSize(2);
		// The charts over time show exactly when the server has the timeseries route.
		Response timeseries = this.api.get(project("/experiment/" + testId + "/timeseries"));
		if (timeseries.status() == 200) {
			new WebDriverWait(browser(), Duration.ofSeconds(10)).until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("#timeseries-section #chart-rate canvas")));
			assertThat(browser().findElements(By.cssSelector("#chart-lift .u-legend .u-series"))).hasSizeGreaterThan(2);
		}
		else {
			assertThat(page().byId("timeseries-section").isDisplayed()).isFalse();
		}
		assertThat(browser().findElements(By.cssSelector("#forest .forest-winner"))).hasSize(1);
		assertThat(browser().findElements(By.cssSelector("#forest .forest-loser"))).hasSize(1);
		axe("experiment");

		browser().findElement(By.cssSelector("#result-breakdown option[value=device]")).click();
		browser().findElement(By.cssSelector("#result-form button[type=submit]")).click();
		new WebDriverWait(browser(), Duration.ofSeconds(10))
			.until((driver) -> driver.findElements(By.cssSelector("#breakdown-forest .forest-row")).size() == 4);
		assertThat(browser().findElements(By.cssSelector("#breakdown tbody tr"))
			.stream()
			.map((row) -> row.getAttribute("data-segment"))
			.toList()).containsExactlyInAnyOrder("mobile", "desktop");
		axe("experiment with a breakdown");
		Files.write(Path.of("target", "dashboard-verdict-screenshot.png"), screenshot(1200, 1900));
		Files.write(Path.of("target", "dashboard-verdict-narrow-screenshot.png"), screenshot(390, 2600));
		measure(testId);

		page().click("share-enable");
		String shareLink = page().awaitVisible("share-link").getAttribute("href");
		browser().get(shareLink);
		awaitVerdicts(2);
		assertThat(verdict("1").getAttribute("data-verdict")).isEqualTo("winner");
		assertThat(verdict("2").getAttribute("data-verdict")).isEqualTo("loser");
		assertThat(page().text("share-name")).isEqualTo("Headline test");
		assertThat(browser().getTitle()).isEqualTo("Headline test · Uplift results");
		assertThat(browser().findElements(By.cssSelector("#forest .forest-row"))).hasSize(2);
		axe("share page");
		browser().manage().window().setSize(new Dimension(390, 844));
		// The plot is drawn again for the phone's width, so that its text stays readable.
		new WebDriverWait(browser(), Duration.ofSeconds(5)).until((driver) -> ((Number) browser()
			.executeScript("return document.querySelector('#forest svg').viewBox.baseVal.width")).intValue() <= 390);
		assertThat(page().scrollsSideways()).as("sideways scrolling at 390 px").isFalse();
		axe("share page at 390 px");
		Files.write(Path.of("target", "share-narrow-screenshot.png"), screenshot(390, 1700));
		Files.write(Path.of("target", "share-screenshot.png"), screenshot(1200, 1300));

		browser().get(url("/share/" + testId + "/not-the-token"));
		assertThat(browser().findElement(By.tagName("h1")).getText()).isEqualTo("This results link does not work");
		axe("share page of a wrong token");
	}

	@Test
	void theSharePageWarnsOfASampleRatioMismatchAndCallsNothing() throws IOException {
		long testId = experiment("Split check", "split_click", List.of("Treatment"));
		// Twice as many visitors in Control as configured; the treatment looks far
		// better, but nothing may be called.
		collect(testId, "split_click", new int[] { 1400, 700 }, new int[] { 70, 140 }, 0);
		Response shared = this.api.post(project("/experiment/" + testId + "/share-link"), Map.of());
		assertThat(shared.status()).as(shared.body()).isEqualTo(200);
		browser().get(url(shared.json().get("share_link").asString()));
		awaitVerdicts(1);
		assertThat(page().awaitVisible("srm").getText()).startsWith("Sample ratio mismatch");
		assertThat(verdict("1").getAttribute("data-verdict")).isEqualTo("keep-running");
		assertThat(verdict("1").getAttribute("data-reason")).isEqualTo("srm");
		assertThat(verdict("1").findElement(By.className("verdict-reason")).getText())
			.startsWith("Sample ratio mismatch");
		axe("share page with an SRM warning");
	}

	/**
	 * Reloads the experiment's view and reports the time from navigation to its results
	 * drawn (Performance API marks set by results-view.js).
	 */
	private void measure(long testId) throws IOException {
		browser().manage().window().setSize(new Dimension(1200, 900));
		browser().get(url("/dashboard#experiment/" + testId));
		browser().navigate().refresh();
		awaitVerdicts(2);
		Object timings = browser().executeScript("""
				const mark = (name) => performance.getEntriesByName(name).map((entry) => entry.startTime)[0];
				const nav = performance.getEntriesByType('navigation')[0];
				return JSON.stringify({ results_rendered_ms: mark('uplift:results-rendered'),
				  charts_rendered_ms: mark('uplift:charts-rendered') ?? null,
				  dom_content_loaded_ms: nav.domContentLoadedEventEnd, load_ms: nav.loadEventEnd,
				  resources: performance.getEntriesByType('resource').length });
				""");
		String report = "Experiment view (" + testId + ", 3 arms, 4,500 visitors): " + timings;
		System.out.println(report);
		Files.writeString(Path.of("target", "dashboard-performance.txt"), report + "\n", StandardCharsets.UTF_8);
	}

	private static void axe(String view) throws IOException {
		page().axe(view);
	}

	private long experiment(String name, String goalKey, List<String> treatments) {
		Response goal = this.api.post(project("/goal"),
				Map.of("goal_name", goalKey, "goal_key", goalKey, "goal_type", "clickOnElement", "goal_value", ".buy"));
		assertThat(goal.status()).as(goal.body()).isIn(200, 201);
		Response created = this.api.post(project("/create-experiment"),
				Map.of("test_name", name, "url", "https://example.com/", "variants",
						treatments.stream().map((treatment) -> Map.of("name", treatment, "data", List.of())).toList(),
						"primary_goal_key", goalKey, "status", 1));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		return created.json().get("test_id").asLong();
	}

	/**
	 * Exposures and conversions per arm, every other visitor on mobile, each conversion
	 * worth 20 in revenue; offset keeps visitor ids apart between experiments.
	 */
	private void collect(long testId, String goalKey, int[] visitors, int[] conversions, int offset) {
		List<Map<String, Object>> events = new ArrayList<>();
		for (int arm = 0; arm < visitors.length; arm++) {
			for (int n = 0; n < visitors[arm]; n++) {
				String visitor = "results-" + testId + "-" + arm + "-" + (n + offset);
				Map<String, Object> exposure = Events.exposure("x-" + visitor, visitor, testId, arm);
				exposure.put("attributes", Map.of("device", (n % 2 == 0) ? "mobile" : "desktop"));
				events.add(exposure);
				if (n < conversions[arm]) {
					Map<String, Object> conversion = Events.goal("g-" + visitor, visitor, goalKey);
					conversion.put("properties", Map.of("revenue", 20.0));
					events.add(conversion);
				}
			}
		}
		for (Map<String, Object> batch : Events.batches(events, 1000)) {
			Response accepted = this.anonymous.post(project("/collect"), batch);
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		}
	}

	private void signIn() {
		browser().get(url("/dashboard"));
		browser().executeScript("window.sessionStorage.clear();");
		browser().navigate().refresh();
		page().awaitVisible("sign-in");
		assertThat(browser().getTitle()).isEqualTo("Sign in · Uplift");
		try {
			axe("sign-in");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		page().type("project-key", PROJECT_KEY);
		page().type("api-key", API_KEY);
		browser().findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
	}

	private static void tabTo(WebElement target) {
		page().tabTo(target);
	}

	private static WebElement verdict(String variantId) {
		return browser().findElement(By.cssSelector("#verdicts .verdict[data-variant='" + variantId + "']"));
	}

	private static void awaitVerdicts(int count) {
		new WebDriverWait(browser(), Duration.ofSeconds(15))
			.until((driver) -> driver.findElements(By.cssSelector("#verdicts .verdict")).size() == count);
	}

	private static byte[] screenshot(int width, int height) {
		browser().manage().window().setSize(new Dimension(width, height));
		byte[] png = browser().getScreenshotAs(OutputType.BYTES);
		browser().manage().window().setSize(new Dimension(1200, 900));
		return png;
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
