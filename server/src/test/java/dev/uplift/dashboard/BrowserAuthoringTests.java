package dev.uplift.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.uplift.assignment.Bucketing;
import dev.uplift.assignment.SplitRule;
import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Experiments;
import dev.uplift.support.HeadlessChromium;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.Color;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Running an experiment from the dashboard alone, in two real headless Chromiums: one
 * user authors a visual change, starts it and concludes it with a winner; visitors in the
 * other browser see the change on a page with the snippet and are counted. Also the
 * states a slow or wrong answer leaves. Skipped with a message when Chromium is not
 * installed, except in CI.
 */
@Tag("browser")
class BrowserAuthoringTests extends IntegrationTest {

	private static final String RED = "#dc2626";

	private static final String KEY = "headline-colour";

	@RegisterExtension
	static final HeadlessChromium user = new HeadlessChromium();

	@RegisterExtension
	static final HeadlessChromium visitors = new HeadlessChromium();

	@Test
	void userAuthorsAVisualChangeVisitorsSeeItAndTheUserConcludesWithAWinner() throws IOException {
		signIn();
		page().click("new-experiment");
		page().awaitVisible("editor-form");
		DashboardPage.type(page().field("test_name"), "Headline colour");
		DashboardPage.type(page().field("experiment_key"), KEY);
		DashboardPage.type(page().field("url"), url("/demo"));
		browser().findElement(By.xpath("//button[text()='Add a page rule']")).click();
		DashboardPage.type(page().field("page_urls[0].url"), "/demo");
		DashboardPage.type(page().field("variants[0].nickname"), "Red headline");
		DashboardPage.type(page().field("variants[0].customCSS"), "h1 { color: rgb(37, 99, 235); }");
		browser().findElement(By.xpath("//button[text()='New goal…']")).click();
		WebElement goalForm = browser().findElement(By.cssSelector(".inline-form"));
		DashboardPage.type(goalForm.findElement(By.cssSelector("[data-field=goal_name]")), "Trial click");
		DashboardPage.type(goalForm.findElement(By.cssSelector("[data-field=goal_value]")), ".cta-button");
		goalForm.findElement(By.xpath(".//button[text()='Create goal']")).click();
		page().await(10)
			.until((driver) -> "trial_click"
				.equals(new Select(page().field("primary_goal_key")).getFirstSelectedOption().getAttribute("value")));
		screenshot("dashboard-editor.png", 1200, 2600);
		screenshot("dashboard-editor-narrow.png", 390, 4200);
		browser().findElement(By.cssSelector("#editor-form button[type=submit]")).click();

		page().awaitText("detail-name", "Headline colour");
		long testId = page().testIdFromHash();
		// A second thought before starting: red, not blue.
		page().click("action-edit");
		WebElement css = page().field("variants[0].customCSS");
		assertThat(css.getAttribute("value")).isEqualTo("h1 { color: rgb(37, 99, 235); }");
		assertThat(page().field("experiment_key").isEnabled()).isFalse();
		DashboardPage.type(css, "h1 { color: rgb(220, 38, 38); }");
		DashboardPage.type(page().field("configuration.completion_visitor"), "100000");
		browser().findElement(By.cssSelector("#editor-form button[type=submit]")).click();
		page().awaitText("detail-name", "Headline colour");
		JsonNode edited = this.api.get(project("/experiment/" + testId)).json().get("experiment");
		assertThat(edited.at("/configuration/completion_visitor").asLong()).isEqualTo(100000);
		assertThat(edited.at("/configuration/start_test_date").isNull()).isTrue();
		JsonNode created = this.api.get(project("/experiment/" + testId)).json().get("experiment");
		assertThat(created.at("/variants/1/customCSS").asString()).isEqualTo("h1 { color: rgb(220, 38, 38); }");
		assertThat(created.at("/primary_goal/goal_key").asString()).isEqualTo("trial_click");
		assertThat(created.at("/page_urls/0/url").asString()).isEqualTo("/demo");
		List<WebElement> previews = page().await(10)
			.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#preview-links a"), 2));
		assertThat(previews.get(1).getAttribute("href"))
			.isEqualTo(url("/demo?test-preview=" + testId + "&test-variant=Variant_1"));
		page().click("action-start");
		page().awaitText("detail-status", "live");

		String treated = visitorIn(testId, 1);
		String untouched = visitorIn(testId, 0);
		assertThat(headlineColourFor(testId, treated, true)).isEqualTo(RED);
		assertThat(headlineColourFor(testId, untouched, false)).isNotEqualTo(RED);
		awaitCounts(testId, List.of(1L, 1L), List.of(0L, 1L));

		browser().findElement(By.cssSelector("#result-form button[type=submit]")).click();
		page().awaitCell("#result tr[data-variant='1'] .conversions", "1");
		assertThat(cells("#result tbody .visitors")).containsExactly("1", "1");
		assertThat(page().text("result-window")).isEqualTo("All visitors since the experiment was created.");
		screenshot("dashboard-experiment.png", 1200, 2000);
		screenshot("dashboard-experiment-narrow.png", 390, 3200);

		page().click("action-conclude");
		WebElement dialog = page().awaitVisible("conclude-dialog");
		assertThat(dialog.getText()).contains("Conclude Headline colour?");
		new Select(page().byId("conclude-winner")).selectByValue("1");
		DashboardPage.type(page().byId("conclude-note"), "Red reads as urgent; ship it.");
		dialog.findElement(By.cssSelector("button[type=submit]")).click();
		page().awaitText("detail-status", "concluded");
		assertThat(page().awaitVisible("conclusion").getText()).contains("Winner: Variant 1 (Red headline)",
				"Red reads as urgent; ship it.");
		assertThat(this.api.get(project("/experiment/" + testId))
			.json()
			.at("/experiment/conclusion/winner_variant_id")
			.asInt()).isEqualTo(1);

		browser().get(url("/dashboard#experiments"));
		WebElement row = page().await(10)
			.until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("#experiments tr[data-test-id='" + testId + "']")));
		page().await(10).until((driver) -> row.findElement(By.className("visitors")).getText().equals("2"));
		assertThat(row.getText()).contains("Headline colour", "concluded");
		DashboardPage.type(page().byId("list-search"), "headline");
		assertThat(row.isDisplayed()).isTrue();
		new Select(page().byId("list-status")).selectByValue("live");
		assertThat(row.isDisplayed()).isFalse();
		new Select(page().byId("list-status")).selectByValue("concluded");
		assertThat(row.isDisplayed()).isTrue();
		screenshot("dashboard-list.png", 1200, 900);
	}

	/** Fails on a dashboard that paints whatever answer arrives last. */
	@Test
	void aLateAnswerForThePreviousExperimentDoesNotPaintOverTheNextOne() {
		long slow = Experiments.create(this.api, project(""), "Slow experiment", "slow_goal", 1);
		long fast = Experiments.create(this.api, project(""), "Fast experiment", "fast_goal", 1);
		signIn();
		browser().executeScript("""
				const slow = new RegExp('/experiment/' + arguments[0] + '(?:[/?]|$)');
				const original = window.fetch;
				window.slowAnswers = 0;
				window.fetch = async (input, init) => {
				  const response = await original(input, init);
				  if (slow.test(String(input))) {
				    await new Promise((resolve) => setTimeout(resolve, 2000));
				    window.slowAnswers += 1;
				  }
				  return response;
				};
				location.hash = '#experiment/' + arguments[0];
				""", slow);
		browser().executeScript("setTimeout(() => { location.hash = '#experiment/' + arguments[0]; }, 300);", fast);
		page().awaitText("detail-name", "Fast experiment");
		page().await(10).until((driver) -> ((Long) browser().executeScript("return window.slowAnswers")) >= 2);
		// The late answers are in: give them the moment they would need to render.
		browser().executeAsyncScript("setTimeout(arguments[arguments.length - 1], 500);");
		assertThat(page().text("detail-name")).isEqualTo("Fast experiment");
		assertThat((String) browser().executeScript("return location.hash")).isEqualTo("#experiment/" + fast);
	}

	@Test
	void unknownIdsErrorsAndTheProjectsPagesSayWhatHappened() throws IOException {
		long first = Experiments.create(this.api, project(""), "Pricing page", "pricing_goal", 1);
		long second = Experiments.create(this.api, project(""), "Checkout page", "checkout_goal", 1);
		signIn();
		browser().get(url("/dashboard#experiment/987654321"));
		assertThat(page().awaitVisible("not-found").getText()).contains("Experiment not found");
		assertThat(page().byId("detail").isDisplayed()).isFalse();
		assertThat(browser().getTitle()).isEqualTo("Not found · Uplift");

		browser().get(url("/dashboard#new"));
		DashboardPage.type(page().field("test_name"), "No traffic");
		DashboardPage.type(page().field("configuration.weights"), "0");
		DashboardPage.type(page().field("configuration.weights[1]"), "0");
		browser().findElement(By.cssSelector("#editor-form button[type=submit]")).click();
		WebElement error = page().await(10)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".field-error")));
		assertThat(error.getText()).contains("'configuration.weights' must not all be 0");
		WebElement focused = browser().switchTo().activeElement();
		assertThat(focused.getAttribute("data-field")).isEqualTo("configuration.weights");
		assertThat(focused.getAttribute("aria-describedby")).isEqualTo(error.getAttribute("id"));

		browser().get(url("/dashboard#settings"));
		assertThat(page().awaitVisible("snippet-code").getText())
			.isEqualTo("<script async src=\"" + url("/snippet.js?key=" + PROJECT_KEY) + "\"></script>");
		WebElement keys = page().awaitVisible("settings-keys");
		WebElement keyName = page().await(10).until((driver) -> keys.findElement(By.cssSelector("[data-field=name]")));
		DashboardPage.type(keyName, "Dashboard test key");
		keys.findElement(By.cssSelector("button[type=submit]")).click();
		String secret = page().awaitVisible("new-key-value").getText();
		assertThat(this.api.withKey(secret).get(project("")).status()).isEqualTo(200);
		WebElement configuration = page().byId("settings-configuration");
		for (String key : new String[] { "pricing_goal", "" }) {
			new Select(configuration.findElement(By.cssSelector("[data-field=primary_goal_key]"))).selectByValue(key);
			WebElement save = configuration.findElement(By.cssSelector("button[type=submit]"));
			save.click();
			page().await(10).until((driver) -> save.isEnabled() && defaultGoalKey().equals(key));
		}
		WebElement groups = page().byId("settings-groups");
		DashboardPage.type(groups.findElement(By.cssSelector("[data-field=name]")), "Checkout flow");
		for (long testId : new long[] { first, second }) {
			groups.findElement(By.cssSelector("li[data-test-id='" + testId + "'] input[type=checkbox]")).click();
		}
		groups.findElement(By.cssSelector("button[type=submit]")).click();
		By created = By.xpath(".//li[@data-group-id][strong[text()='Checkout flow']]");
		WebElement group = page().await(10).until((driver) -> groups.findElement(created));
		assertThat(group.getText()).contains("Checkout flow", "Pricing page (live): 50 %",
				"Checkout page (live): 50 %");
		long groupId = Long.parseLong(group.getAttribute("data-group-id"));
		group.findElement(By.xpath(".//button[text()='Edit group']")).click();
		DashboardPage.type(groups.findElement(By.cssSelector("[data-field=name]")), "Checkout flow, 70/30");
		WebElement firstShare = groups.findElement(By.cssSelector("li[data-test-id='" + first + "'] input.percent"));
		assertThat(firstShare.getAttribute("value")).isEqualTo("50");
		DashboardPage.type(firstShare, "70");
		DashboardPage.type(groups.findElement(By.cssSelector("li[data-test-id='" + second + "'] input.percent")), "30");
		groups.findElement(By.cssSelector("button[type=submit]")).click();
		page().await(10)
			.until((driver) -> !groups
				.findElements(
						By.xpath(".//li[@data-group-id='" + groupId + "'][strong[text()='Checkout flow, 70/30']]"))
				.isEmpty());
		JsonNode stored = null;
		for (JsonNode candidate : this.api.get(project("/exclusion-groups")).json().get("groups")) {
			stored = (candidate.get("id").asLong() == groupId) ? candidate : stored;
		}
		assertThat(stored).isNotNull();
		assertThat(stored.get("name").asString()).isEqualTo("Checkout flow, 70/30");
		Map<Long, Double> shares = new HashMap<>();
		stored.get("tests")
			.forEach((member) -> shares.put(member.get("test_id").asLong(), member.get("percent").asDouble()));
		assertThat(shares).containsExactlyInAnyOrderEntriesOf(Map.of(first, 70.0, second, 30.0));
		screenshot("dashboard-settings.png", 1200, 2400);
		WebElement row = keys.findElement(By.xpath(".//tr[td[text()='Dashboard test key']]"));
		row.findElement(By.xpath(".//button[text()='Revoke']")).click();
		page().await(5).until(ExpectedConditions.alertIsPresent()).accept();
		page().await(10).until((driver) -> keys.findElements(By.xpath(".//td[text()='Dashboard test key']")).isEmpty());
		assertThat(this.api.withKey(secret).get(project("")).status()).isEqualTo(401);
	}

	// ---- the visitors' browser
	// -------------------------------------------------------------

	/**
	 * Opens the demo page, which carries the snippet, as this visitor; clicks its button
	 * when asked; returns the headline's colour as the visitor saw it.
	 */
	private String headlineColourFor(long testId, String visitorId, boolean click) {
		ChromeDriver page = visitors.driver();
		page.get(url(project("/client-config")));
		page.manage().deleteAllCookies();
		page.executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
		page.manage().addCookie(new Cookie("uplift_vid", visitorId, "/"));
		page.get(url("/demo"));
		Object variant = page.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				window.upliftq.push((uplift) => done(uplift.getVariant(arguments[0])));
				""", testId);
		assertThat(variant).as("arm of %s", visitorId).isEqualTo(click ? "1" : "0");
		String colour = Color.fromString(page.findElement(By.tagName("h1")).getCssValue("color")).asHex();
		if (click) {
			page.findElement(By.cssSelector(".cta-button")).click();
		}
		// A page without the script: the snippet sends what it holds on pagehide.
		page.get(url(project("/client-config")));
		return colour;
	}

	private static String visitorIn(long testId, int arm) {
		SplitRule rule = new SplitRule(testId, Bucketing.HASH_VERSION, KEY, 100, new double[] { 1, 1 });
		for (int n = 1;; n++) {
			String id = "authoring-visitor-" + n;
			if (Bucketing.assign(rule, id).getAsInt() == arm) {
				return id;
			}
		}
	}

	/** Waits until the result counts these visitors and conversions per arm. */
	private void awaitCounts(long testId, List<Long> visitorCounts, List<Long> conversionCounts) {
		JsonNode result = null;
		for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < deadline;) {
			result = this.api.get(project("/experiment/" + testId + "/result")).json();
			if (counts(result, "visitors").equals(visitorCounts)
					&& counts(result, "conversions").equals(conversionCounts)) {
				return;
			}
			browser().executeAsyncScript("setTimeout(arguments[arguments.length - 1], 200);");
		}
		assertThat(counts(result, "visitors")).as("visitors").isEqualTo(visitorCounts);
		assertThat(counts(result, "conversions")).as("conversions").isEqualTo(conversionCounts);
	}

	/** The key of the project's default primary goal, or "" when it has none. */
	private String defaultGoalKey() {
		JsonNode goal = this.api.get(project("/configuration")).json().at("/configuration/primary_goal");
		return goal.isObject() ? goal.get("goal_key").asString() : "";
	}

	private static List<Long> counts(JsonNode result, String field) {
		List<Long> counts = new ArrayList<>();
		result.get("variants").forEach((variant) -> counts.add(variant.get(field).asLong()));
		return counts;
	}

	// ---- the user's browser
	// ----------------------------------------------------------------

	private void signIn() {
		page().signIn(url("/dashboard"));
	}

	private static void screenshot(String name, int width, int height) throws IOException {
		page().screenshot(name, width, height);
	}

	private static List<String> cells(String selector) {
		return browser().findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
	}

	private static DashboardPage page() {
		return new DashboardPage(browser());
	}

	private static ChromeDriver browser() {
		return user.driver();
	}

	private String url(String path) {
		return "http://localhost:" + port() + path;
	}

}
