package dev.uplift.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.HeadlessChromium;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.FluentWait;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A device rule acting in a real headless Chromium: an experiment on the demo's thanks
 * page for mobile visitors only is shown to and counted for a visitor whose browser says
 * it is a phone, and not for a desktop one. The thanks page runs the browser script but
 * not the demo experiment, whose counts {@link BrowserDemoTests} checks. Skipped with a
 * message when Chromium is not installed, except in CI.
 */
@Tag("browser")
class BrowserTargetingTests extends IntegrationTest {

	private static final String PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36";

	private static final String DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/124.0 Safari/537.36";

	private static final String PAGE = "/demo/thanks";

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	private static ChromeDriver browser;

	private long testId;

	@Autowired
	private DemoOrigin demoOrigin;

	@BeforeAll
	static void browser() {
		browser = chromium.driver();
	}

	@Test
	void mobileOnlyExperimentIsShownToAndCountedForPhonesOnly() {
		this.testId = createMobileOnlyExperiment();

		Map<String, Object> desktop = visitAs(DESKTOP);
		assertThat(desktop.get("variant")).as("a desktop visitor is not in the audience").isNull();
		assertThat(desktop.get("marked")).isNull();

		Map<String, Object> phone = visitAs(PHONE);
		assertThat(phone.get("variant")).isEqualTo("1");
		assertThat(phone.get("marked")).as("the variant's code ran").isEqualTo("mobile");
		leave();

		assertThat(awaitVisitors(1)).as("only the phone is counted").isEqualTo(1);
		assertThat(visitors()).isEqualTo(1);
	}

	// Other browser tests share the project and the demo page: the experiment must not
	// outlive this test.
	@AfterEach
	void stopExperiment() {
		if (this.testId != 0) {
			this.api.patch(project("/experiment/" + this.testId + "/status"), Map.of("status", 0));
		}
	}

	private long createMobileOnlyExperiment() {
		Response created = this.api.post(project("/create-experiment"),
				Map.of("test_name", "Mobile-only offer", "url", url(PAGE), "status", 1, "configuration",
						Map.of("weights", List.of(0, 1)), "variants",
						List.of(Map.of("name", "Mobile offer", "customJS",
								"document.documentElement.dataset.offer = 'mobile'")),
						"targeting", Map.of("device_rule", List.of("mobile"))));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		return created.json().get("test_id").asLong();
	}

	/**
	 * Opens the page as a new visitor of a browser presenting this user agent; the arm
	 * and the variant's mark.
	 */
	@SuppressWarnings("unchecked")
	private Map<String, Object> visitAs(String userAgent) {
		browser.executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent", userAgent));
		browser.get(DemoOriginPages.withoutScript(this.demoOrigin));
		browser.manage().deleteAllCookies();
		browser.executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
		browser.get(url(PAGE));
		assertThat(browser.executeScript("return navigator.userAgent")).isEqualTo(userAgent);
		Object answer = ((JavascriptExecutor) browser).executeAsyncScript("""
				var testId = arguments[0];
				var done = arguments[arguments.length - 1];
				window.upliftq.push(function (uplift) {
				  done({variant: uplift.getVariant(testId), marked: document.documentElement.dataset.offer || null});
				});
				""", this.testId);
		return (Map<String, Object>) answer;
	}

	/**
	 * Leaves for a page without the script, so that the script sends what it holds on
	 * pagehide.
	 */
	private void leave() {
		browser.get(url(project("/client-config")));
	}

	/**
	 * The visitors counted once they reach this number (beacons arrive asynchronously).
	 */
	private long awaitVisitors(long expected) {
		return new FluentWait<>(this).withTimeout(Duration.ofSeconds(20))
			.pollingEvery(Duration.ofMillis(200))
			.until((test) -> (test.visitors() >= expected) ? test.visitors() : null);
	}

	private long visitors() {
		Response response = this.api.get(project("/experiment/" + this.testId + "/result"));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		long total = 0;
		for (JsonNode variant : response.json().get("variants")) {
			total += variant.get("visitors").asLong();
		}
		return total;
	}

	private String url(String path) {
		return "http://localhost:" + port() + path;
	}

}
