package dev.uplift.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.HeadlessChromium;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A user's story in the dashboard, in a real headless Chromium: sign in, create an
 * experiment, start it, read the visitors and conversions the tracking routes recorded,
 * conclude it and share it. Skipped with a message when Chromium is not installed, except
 * in CI.
 */
@Tag("browser")
class DashboardBrowserTests extends IntegrationTest {

	private static final String XSS_NAME = "<img src=x onerror=alert(1)>";

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	@Test
	void userSignsInCreatesStartsReadsConcludesAndSharesAnExperiment() throws IOException {
		browser().get(url("/dashboard"));
		browser().executeScript("window.sessionStorage.clear(); window.localStorage.clear();");
		browser().navigate().refresh();

		signIn("not-the-key-" + "x".repeat(32));
		String refused = this.api.withKey("not-the-key-" + "x".repeat(32))
			.get(project(""))
			.json()
			.get("error")
			.asString();
		assertThat(page().awaitVisible("banner-text").getText()).isEqualTo(refused);
		assertThat(page().byId("sign-in").isDisplayed()).isTrue();

		signIn(API_KEY);
		page().awaitVisible("list");
		assertThat(page().byId("banner").isDisplayed()).isFalse();
		assertThat(browser().executeScript("return window.localStorage.length")).isEqualTo(0L);
		assertThat((String) browser().executeScript("return window.sessionStorage.getItem('uplift.dashboard.session')"))
			.contains(API_KEY);

		long testId = create("Pricing headline", List.of("Bold headline", "Short headline"));
		assertThat(page().text("detail-status")).isEqualTo("draft");
		page().click("action-start");
		page().awaitText("detail-status", "live");

		String goalKey = this.api.get(project("/experiment/" + testId))
			.json()
			.at("/experiment/primary_goal/goal_key")
			.asString();
		collect(testId, goalKey, new int[] { 4, 3, 2 }, new int[] { 1, 2, 0 });
		browser().navigate().refresh();
		awaitResultRows(3);
		assertThat(column("visitors")).containsExactly("4", "3", "2");
		assertThat(column("conversions")).containsExactly("1", "2", "0");
		assertThat(column("variant")).containsExactly("Control", "Bold headline", "Short headline");
		assertThat(browser().findElement(By.cssSelector("#result tfoot .visitors")).getText()).isEqualTo("9");
		assertThat(browser().findElement(By.cssSelector("#result tr[data-variant='1'] .improvement")).getText())
			.isEqualTo("+166.67 %");
		assertThat(browser().findElements(By.cssSelector("#verdicts .verdict"))).hasSize(2);
		assertThat(page().text("statistics-summary")).startsWith("Bayesian engine · 95 % threshold");
		assertThat(browser().findElements(By.cssSelector("#verdicts .verdict[data-reason]"))).hasSize(2);

		showWindow("2000-01-01", "2000-01-31");
		page().awaitCell("#result tr[data-variant='0'] .visitors", "0");
		showWindow("", "");
		page().awaitCell("#result tr[data-variant='0'] .visitors", "4");

		page().click("action-conclude");
		page().awaitVisible("conclude-dialog").findElement(By.cssSelector("button[type=submit]")).click();
		page().awaitText("detail-status", "concluded");
		assertThat(page().byId("action-start").isDisplayed()).isFalse();
		page().click("share-enable");
		String shareLink = page().awaitVisible("share-link").getAttribute("href");
		assertThat(shareLink).startsWith(url("/share/" + testId + "/"));
		assertThat(page().text("share-link")).isEqualTo(shareLink);
		Files.write(Path.of("target", "dashboard-screenshot.png"), screenshot(1200, 1250));
		Files.write(Path.of("target", "dashboard-narrow-screenshot.png"), screenshot(390, 1600));

		browser().get(shareLink);
		page().awaitText("share-name", "Pricing headline");
		page().awaitCell("#result tr[data-variant='1'] .conversions", "2");
		assertThat(browser().findElement(By.cssSelector("#result tbody")).getText()).contains("Bold headline 3 2");

		browser().get(url("/dashboard"));
		page().awaitVisible("list");
		// The list is shown before its rows arrive: wait for the row itself.
		WebElement row = new WebDriverWait(browser(), Duration.ofSeconds(10)).until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#experiments tr[data-test-id='" + testId + "']")));
		assertThat(row.getText()).contains("Pricing headline", "concluded");
		Files.write(Path.of("target", "dashboard-list-screenshot.png"), screenshot(1200, 900));
	}

	@Test
	void experimentNamesAreShownAsTextAndDeletingAsksFirst() {
		browser().get(url("/dashboard"));
		browser().executeScript("window.sessionStorage.clear();");
		browser().navigate().refresh();
		signIn(API_KEY);
		page().awaitVisible("list");

		long testId = create(XSS_NAME, List.of(XSS_NAME));
		assertThat(page().text("detail-name")).isEqualTo(XSS_NAME);
		awaitResultRows(2);
		assertThat(column("variant")).containsExactly("Control", XSS_NAME);
		assertThat(browser().findElements(By.tagName("img"))).isEmpty();
		assertNoAlert();

		page().click("action-delete");
		new WebDriverWait(browser(), Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
		assertThat(browser().switchTo().alert().getText()).contains(XSS_NAME);
		browser().switchTo().alert().accept();
		page().awaitVisible("list");
		new WebDriverWait(browser(), Duration.ofSeconds(10))
			.until((driver) -> driver.findElements(By.cssSelector("#experiments tbody tr")).size() > 0);
		assertThat(browser().findElements(By.cssSelector("#experiments tr[data-test-id='" + testId + "']"))).isEmpty();
		assertThat(this.api.get(project("/experiment/" + testId)).status()).isEqualTo(404);

		page().click("sign-out");
		page().awaitVisible("sign-in");
		assertThat(browser().executeScript("return window.sessionStorage.length")).isEqualTo(0L);
	}

	@Test
	void goalSelectorSwitchesTheCountedGoalAndAMismatchedSplitIsFlagged() {
		long testId = Experiments.create(this.api, project(""), "Checkout layout", "checkout_click", 1);
		Response goal = this.api.post(project("/goal"), Map.of("goal_name", "Newsletter", "goal_key", "newsletter",
				"goal_type", "formSubmit", "goal_value", "form#newsletter"));
		assertThat(goal.status()).as(goal.body()).isIn(200, 201);
		Response attached = this.api.patch(project("/experiment/" + testId),
				Map.of("secondary_goal_keys", List.of("newsletter")));
		assertThat(attached.status()).as(attached.body()).isEqualTo(200);
		List<Map<String, Object>> events = new ArrayList<>();
		for (int n = 0; n < 2000; n++) {
			String visitor = "split-" + n;
			// Twice as many visitors in Control as in the treatment, where the
			// configuration says half and half.
			events.add(Events.exposure("x-" + visitor, visitor, testId, (n % 3 == 2) ? 1 : 0));
			if (n < 30) {
				events.add(Events.goal("n-" + visitor, visitor, "newsletter"));
			}
		}
		for (Map<String, Object> batch : Events.batches(events, 1000)) {
			assertThat(this.anonymous.post(project("/collect"), batch).status()).isEqualTo(202);
		}

		openSignedIn(testId);
		awaitResultRows(2);
		assertThat(column("visitors")).containsExactly("1,334", "666");
		assertThat(column("conversions")).containsExactly("0", "0");
		assertThat(page().awaitVisible("srm").getText()).startsWith("Sample ratio mismatch")
			.contains("50.00 % / 50.00 %");

		assertThat(browser().findElements(By.cssSelector("#result-goal option"))).extracting(WebElement::getText)
			.containsExactly("checkout_click (primary)", "Newsletter");
		browser().findElement(By.cssSelector("#result-goal option[value=newsletter]")).click();
		browser().findElement(By.cssSelector("#result-form button[type=submit]")).click();
		page().awaitCell("#result tr[data-variant='0'] .conversions", "20");
		assertThat(column("conversions")).containsExactly("20", "10");
		assertThat(page().text("result-summary")).startsWith("Goal: Newsletter");
	}

	@Test
	void segmentPickerFiltersTheResultAndBreakdownListsEachSegment() {
		long testId = Experiments.create(this.api, project(""), "Mobile checkout", "mobile_click", 1);
		List<Map<String, Object>> events = new ArrayList<>();
		for (int n = 0; n < 300; n++) {
			String visitor = "segment-" + n;
			Map<String, Object> exposure = Events.exposure("x-" + visitor, visitor, testId, n % 2);
			// Two mobile visitors in three; mobile visitors of the treatment convert
			// every other time, of Control every fourth.
			boolean mobile = n % 3 != 0;
			exposure.put("attributes", Map.of("device", mobile ? "mobile" : "desktop", "country", "FR"));
			events.add(exposure);
			if (mobile && (n % 4 == 1 || n % 8 == 0)) {
				events.add(Events.goal("g-" + visitor, visitor, "mobile_click"));
			}
		}
		assertThat(this.anonymous.post(project("/collect"), Map.of("events", events)).status()).isEqualTo(202);

		openSignedIn(testId);
		awaitResultRows(2);
		assertThat(column("visitors")).containsExactly("150", "150");
		assertThat(page().byId("breakdown-section").isDisplayed()).isFalse();

		browser().findElement(By.cssSelector("#result-segment option[value=mobile]")).click();
		page().type("result-country", "FR");
		browser().findElement(By.cssSelector("#result-breakdown option[value=device]")).click();
		browser().findElement(By.cssSelector("#result-form button[type=submit]")).click();
		page().awaitCell("#result tr[data-variant='0'] .visitors", "100");
		assertThat(column("visitors")).containsExactly("100", "100");
		page().awaitVisible("breakdown-section");
		List<WebElement> segments = browser().findElements(By.cssSelector("#breakdown tbody tr"));
		assertThat(segments).extracting((row) -> row.getAttribute("data-segment")).containsExactly("mobile");
		assertThat(segments.get(0).findElement(By.className("visitors")).getText()).isEqualTo("200");
		assertThat(segments.get(0).findElement(By.className("treatments")).getText()).contains("across segments");
	}

	/** Signs in afresh and opens the experiment's page. */
	private void openSignedIn(long testId) {
		browser().get(url("/dashboard"));
		browser().executeScript("window.sessionStorage.clear();");
		browser().navigate().refresh();
		signIn(API_KEY);
		page().awaitVisible("list");
		browser().get(url("/dashboard#experiment/" + testId));
	}

	private void signIn(String apiKey) {
		page().awaitVisible("sign-in");
		page().type("project-key", PROJECT_KEY);
		page().type("api-key", apiKey);
		browser().findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
	}

	/**
	 * Creates an experiment through the editor, with the goal "Signup" as primary (made
	 * the first time), and returns its id once its page is open.
	 */
	private long create(String name, List<String> treatments) {
		page().click("new-experiment");
		DashboardPage.type(page().field("test_name"), name);
		DashboardPage.type(page().field("url"), "https://example.com/pricing");
		for (int i = 0; i < treatments.size(); i++) {
			if (i > 0) {
				browser().findElement(By.xpath("//button[text()='Add a treatment']")).click();
			}
			DashboardPage.type(page().field("variants[" + i + "].nickname"), treatments.get(i));
		}
		if (browser().findElements(By.cssSelector("[data-field=primary_goal_key] option[value=signup]")).isEmpty()) {
			browser().findElement(By.xpath("//button[text()='New goal…']")).click();
			WebElement goal = browser().findElement(By.cssSelector(".inline-form"));
			DashboardPage.type(goal.findElement(By.cssSelector("[data-field=goal_name]")), "Signup");
			new Select(goal.findElement(By.cssSelector("[data-field=goal_type]"))).selectByValue("formSubmit");
			DashboardPage.type(goal.findElement(By.cssSelector("[data-field=goal_value]")), "form#signup");
			goal.findElement(By.xpath(".//button[text()='Create goal']")).click();
			new WebDriverWait(browser(), Duration.ofSeconds(10)).until((driver) -> !goal.isDisplayed());
		}
		new Select(page().field("primary_goal_key")).selectByValue("signup");
		browser().findElement(By.cssSelector("#editor-form button[type=submit]")).click();
		page().awaitVisible("detail");
		page().awaitText("detail-name", name);
		return page().testIdFromHash();
	}

	/**
	 * Sends exposures and conversions per arm, as the browser script would, and expects
	 * them all accepted.
	 */
	private void collect(long testId, String goalKey, int[] visitors, int[] conversions) {
		List<Map<String, Object>> events = new ArrayList<>();
		for (int arm = 0; arm < visitors.length; arm++) {
			for (int n = 0; n < visitors[arm]; n++) {
				String visitor = "dashboard-" + arm + "-" + n;
				events.add(Events.exposure("x-" + visitor, visitor, testId, arm));
				if (n < conversions[arm]) {
					events.add(Events.goal("g-" + visitor, visitor, goalKey));
				}
			}
		}
		Response accepted = this.anonymous.post(project("/collect"), Map.of("events", events));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		assertThat(accepted.json().get("accepted").asInt()).isEqualTo(events.size());
	}

	private void showWindow(String start, String end) {
		browser().executeScript("document.getElementById('result-start').value = arguments[0];"
				+ "document.getElementById('result-end').value = arguments[1];", start, end);
		browser().findElement(By.cssSelector("#result-form button[type=submit]")).click();
	}

	/**
	 * A screenshot of the page in a window of this size; the window is 1200×900 again
	 * afterwards.
	 */
	private static byte[] screenshot(int width, int height) {
		browser().manage().window().setSize(new Dimension(width, height));
		byte[] png = browser().getScreenshotAs(OutputType.BYTES);
		browser().manage().window().setSize(new Dimension(1200, 900));
		return png;
	}

	private static List<String> column(String name) {
		return browser().findElements(By.cssSelector("#result tbody ." + name))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private static void awaitResultRows(int count) {
		new WebDriverWait(browser(), Duration.ofSeconds(10))
			.until((driver) -> driver.findElements(By.cssSelector("#result tbody tr")).size() == count);
	}

	private static void assertNoAlert() {
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> browser().switchTo().alert());
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
