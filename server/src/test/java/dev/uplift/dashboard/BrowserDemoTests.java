package dev.uplift.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.uplift.assignment.Bucketing;
import dev.uplift.assignment.SplitRule;
import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.HeadlessChromium;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.Color;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visitors of the demo page in a real headless Chromium: the browser script assigns them
 * as the server would, shows the green button to Variant 1, and its beacons are counted
 * in the results. Skipped with a message when Chromium is not installed, except in CI.
 */
@Tag("browser")
class BrowserDemoTests extends IntegrationTest {

	private static final String GREEN = "#16a34a";

	private static final String BLUE = "#2563eb";

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	private static ChromeDriver browser;

	/** Visitors and conversions per arm before the test's visitors, by result query. */
	private final Map<String, Counts> baseline = new HashMap<>();

	@Autowired
	private DemoOrigin demoOrigin;

	private record Counts(List<Long> visitors, List<Long> conversions) {
	}

	@BeforeAll
	static void browser() {
		browser = chromium.driver();
	}

	@Test
	void demoVisitorsAreAssignedShownTheirVariantAndCountedPerGoal() throws IOException {
		long testId = demoTestId();
		List<String> control = visitorIds(testId, 0);
		List<String> green = visitorIds(testId, 1);
		// Other browser tests of this server visit the demo page too: count from here.
		for (String query : new String[] { "", "?goal_key=demo_signup", "?goal_key=demo_thanks" }) {
			JsonNode before = this.api.get(project("/experiment/" + testId + "/result" + query)).json();
			this.baseline.put(query, new Counts(counts(before, "visitors"), counts(before, "conversions")));
		}

		// A visitor new to the site: the script makes the id, and puts them where the
		// server would.
		String fresh = arriveAsNewVisitor(null);
		int freshArm = demoArm(testId, fresh);
		assertThat(freshArm).isIn(0, 1);
		leave();

		arriveAsNewVisitor(control.get(0));
		clickCta();
		signUp();
		leave();
		arriveAsNewVisitor(control.get(1));
		signUp();
		leave();
		arriveAsNewVisitor(control.get(2));
		leave();

		arriveAsNewVisitor(green.get(0));
		Files.write(Path.of("target", "demo-screenshot.png"), browser.getScreenshotAs(OutputType.BYTES));
		clickCta();
		signUp();
		leave();
		arriveAsNewVisitor(green.get(1));
		clickCta();
		leave();
		arriveAsNewVisitor(green.get(2));
		followThanksLink();
		leave();

		long[] visitors = { 3 + (freshArm == 0 ? 1 : 0), 3 + (freshArm == 1 ? 1 : 0) };
		JsonNode clicks = awaitResult(testId, "", visitors, new long[] { 1, 2 });
		assertThat(clicks.at("/primary_goal/goal_value").asString()).isEqualTo(".cta-button");
		assertThat(clicks.at("/variants/1/name").asString()).isEqualTo("Green button");
		awaitResult(testId, "?goal_key=demo_signup", visitors, new long[] { 2, 1 });
		awaitResult(testId, "?goal_key=demo_thanks", visitors, new long[] { 2, 2 });
	}

	/**
	 * Opens the demo page as a visitor this browser has not seen (no cookies, no
	 * storage); with an id, as a visitor whose id cookie says so. Checks the arm, the
	 * button colour and that both survive a reload, and returns the visitor id.
	 */
	private String arriveAsNewVisitor(String visitorId) {
		browser.get(DemoOriginPages.withoutScript(this.demoOrigin));
		browser.manage().deleteAllCookies();
		browser.executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
		if (visitorId != null) {
			browser.manage().addCookie(new Cookie("uplift_vid", visitorId, "/"));
		}
		browser.get(url("/demo"));
		Map<String, Object> first = decided();
		String id = (String) first.get("visitorId");
		String variant = (String) first.get("variant");
		if (visitorId != null) {
			assertThat(id).isEqualTo(visitorId);
		}
		assertThat(variant).as("arm of %s", id).isEqualTo(Integer.toString(demoArm(demoTestId(), id)));
		assertThat(buttonColour()).isEqualTo(variant.equals("1") ? GREEN : BLUE);
		assertThat(browser.findElement(By.id("variant")).getText())
			.isEqualTo(variant.equals("1") ? "Variant 1" : "Control");

		browser.navigate().refresh();
		assertThat(decided()).isEqualTo(first);
		assertThat(buttonColour()).isEqualTo(variant.equals("1") ? GREEN : BLUE);
		return id;
	}

	/**
	 * The visitor id and the demo's arm, once the script has decided the page's
	 * experiments.
	 */
	@SuppressWarnings("unchecked")
	private Map<String, Object> decided() {
		Object answer = ((JavascriptExecutor) browser).executeAsyncScript("""
				var testId = arguments[0];
				var done = arguments[arguments.length - 1];
				window.upliftq.push(function (uplift) {
				  done({visitorId: uplift.visitorId(), variant: uplift.getVariant(testId)});
				});
				""", demoTestId());
		return (Map<String, Object>) answer;
	}

	private String buttonColour() {
		return Color.fromString(browser.findElement(By.cssSelector(".cta-button")).getCssValue("background-color"))
			.asHex();
	}

	private void clickCta() {
		browser.findElement(By.cssSelector(".cta-button")).click();
	}

	/** Submits the signup form, which leads to the thanks page (the pageview goal). */
	private void signUp() {
		browser.findElement(By.cssSelector("form#signup input[name=email]")).sendKeys("visitor@example.com");
		browser.findElement(By.cssSelector("form#signup button[type=submit]")).click();
		// The click starts the navigation; the next page may not be there yet when it
		// returns.
		awaitUrl(ExpectedConditions.urlContains("/demo/thanks?email="));
		decided();
	}

	private void followThanksLink() {
		browser.findElement(By.cssSelector("a[href='/demo/thanks']")).click();
		awaitUrl(ExpectedConditions.urlMatches("/demo/thanks$"));
		decided();
	}

	private static void awaitUrl(ExpectedCondition<Boolean> condition) {
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(condition);
	}

	/**
	 * Leaves the site for a page without the script, so that the script sends what it
	 * holds on pagehide.
	 */
	private void leave() {
		browser.get(url(project("/client-config")));
	}

	/**
	 * The result once it shows these visitors and conversions per arm (beacons arrive
	 * asynchronously).
	 */
	private JsonNode awaitResult(long testId, String query, long[] visitors, long[] conversions) {
		Counts before = this.baseline.get(query);
		visitors = new long[] { before.visitors().get(0) + visitors[0], before.visitors().get(1) + visitors[1] };
		conversions = new long[] { before.conversions().get(0) + conversions[0],
				before.conversions().get(1) + conversions[1] };
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		JsonNode result;
		do {
			Response response = this.api.get(project("/experiment/" + testId + "/result" + query));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			result = response.json();
			if (counts(result, "visitors").equals(List.of(visitors[0], visitors[1]))
					&& counts(result, "conversions").equals(List.of(conversions[0], conversions[1]))) {
				break;
			}
			pause();
		}
		while (System.nanoTime() < deadline);
		assertThat(counts(result, "visitors")).as("visitors %s", query).containsExactly(visitors[0], visitors[1]);
		assertThat(counts(result, "conversions")).as("conversions %s", query)
			.containsExactly(conversions[0], conversions[1]);
		return result;
	}

	private static List<Long> counts(JsonNode result, String field) {
		List<Long> counts = new ArrayList<>();
		result.get("variants").forEach((variant) -> counts.add(variant.get(field).asLong()));
		return counts;
	}

	/**
	 * The first three ids of the form {@code chromium-visitor-N} that the demo puts in
	 * this arm.
	 */
	/**
	 * The arm the server and the script give a visitor of the demo, whose seed is its
	 * experiment key.
	 */
	private static int demoArm(long testId, String visitorId) {
		return Bucketing
			.assign(new SplitRule(testId, Bucketing.HASH_VERSION, DemoExperiment.KEY, 100, new double[] { 1, 1 }),
					visitorId)
			.getAsInt();
	}

	private static List<String> visitorIds(long testId, int arm) {
		List<String> ids = new ArrayList<>();
		for (int n = 1; ids.size() < 3; n++) {
			String id = "chromium-visitor-" + n;
			if (demoArm(testId, id) == arm) {
				ids.add(id);
			}
		}
		return ids;
	}

	private long demoTestId() {
		for (JsonNode experiment : this.anonymous.get(project("/client-config")).json().get("experiments")) {
			if (experiment.get("experiment_key").asString().equals(DemoExperiment.KEY)) {
				return experiment.get("test_id").asLong();
			}
		}
		throw new AssertionError("The demo experiment is not live");
	}

	private String url(String path) {
		return "http://localhost:" + port() + path;
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
