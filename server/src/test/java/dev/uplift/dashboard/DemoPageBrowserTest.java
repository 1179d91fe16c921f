package dev.uplift.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.uplift.support.HeadlessChromium;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Browser tests on the demo's thanks page, which the demo experiment does not run on, so
 * that its counts stay as BrowserDemoTests expects them. Experiments a test starts are
 * stopped serving and paused after it. Skipped with a message when Chromium is not
 * installed, except in CI.
 */
@Tag("browser")
abstract class DemoPageBrowserTest extends IntegrationTest {

	static final String PAGE = "/demo/thanks";

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	static ChromeDriver browser;

	final List<Long> started = new ArrayList<>();

	@Autowired
	DemoOrigin demoOrigin;

	@BeforeAll
	static void browser() {
		browser = chromium.driver();
	}

	@AfterEach
	void stopStartedExperiments() {
		// The demo pages are shared with the other browser tests: leave them as they
		// expect them. A paused experiment that serves a winner is still delivered.
		this.started.forEach((testId) -> {
			this.api.post(project("/experiment/" + testId + "/stop-serving"), Map.of());
			this.api.patch(project("/experiment/" + testId + "/status"), Map.of("status", 0));
		});
	}

	/**
	 * Opens the page as a visitor this browser has not seen; with an id, as a visitor
	 * whose id cookie says so.
	 */
	void openPageAs(String visitorId) {
		browser.get(DemoOriginPages.withoutScript(this.demoOrigin));
		browser.manage().deleteAllCookies();
		browser.executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
		if (visitorId != null) {
			browser.manage().addCookie(new Cookie("uplift_vid", visitorId, "/"));
		}
		browser.get(url(PAGE));
	}

	String url(String path) {
		return "http://localhost:" + port() + path;
	}

}
