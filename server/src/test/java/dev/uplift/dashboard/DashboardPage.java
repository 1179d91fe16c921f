package dev.uplift.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.uplift.support.IntegrationTest;
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
 * The dashboard in one browser, as the browser tests drive it: what the page fills in
 * asynchronously is waited for, up to 10 seconds.
 */
final class DashboardPage {

	private static final Path AXE = Path.of("..", "snippet", "node_modules", "axe-core", "axe.min.js");

	private final ChromeDriver browser;

	DashboardPage(ChromeDriver browser) {
		this.browser = browser;
	}

	WebDriverWait await(int seconds) {
		return new WebDriverWait(this.browser, Duration.ofSeconds(seconds));
	}

	WebElement awaitVisible(String id) {
		return await(10).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
	}

	void awaitText(String id, String text) {
		await(10).until(ExpectedConditions.textToBe(By.id(id), text));
	}

	void awaitCell(String selector, String text) {
		await(10).until(ExpectedConditions.textToBe(By.cssSelector(selector), text));
	}

	/** The editor's control that the API names by this field path (its data-field). */
	WebElement field(String path) {
		return await(10)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-field='" + path + "']")));
	}

	WebElement byId(String id) {
		return this.browser.findElement(By.id(id));
	}

	String text(String id) {
		return byId(id).getText();
	}

	void click(String id) {
		awaitVisible(id).click();
	}

	void type(String id, String text) {
		type(awaitVisible(id), text);
	}

	static void type(WebElement input, String text) {
		input.clear();
		input.sendKeys(text);
	}

	/** The id of the experiment whose page is open. */
	long testIdFromHash() {
		String hash = (String) this.browser.executeScript("return location.hash");
		assertThat(hash).matches("#experiment/\\d+");
		return Long.parseLong(hash.substring("#experiment/".length()));
	}

	/** Presses Tab until the element has the focus (at most 150 times). */
	void tabTo(WebElement target) {
		for (int presses = 0; presses < 150; presses++) {
			if (target.equals(this.browser.switchTo().activeElement())) {
				return;
			}
			this.browser.switchTo().activeElement().sendKeys(Keys.TAB);
		}
		throw new AssertionError("Tab never reached " + target);
	}

	/**
	 * Runs axe-core (from snippet/node_modules, never served) on the page and expects no
	 * serious or critical violation.
	 */
	@SuppressWarnings("unchecked")
	void axe(String view) throws IOException {
		if (this.browser.executeScript("return typeof window.axe").equals("undefined")) {
			assertThat(AXE).as("axe-core: run npm ci in snippet/").exists();
			this.browser.executeScript(Files.readString(AXE, StandardCharsets.UTF_8));
		}
		Object outcome = this.browser.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { resultTypes: ['violations'] })
				  .then((results) => done(results.violations
				    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
				    .map((violation) => violation.id + ': ' + violation.help + ' @ '
				      + violation.nodes.map((node) => node.target.join(' ')).join(', '))))
				  .catch((error) => done(['axe failed: ' + error]));
				""");
		assertThat((List<String>) outcome).as("serious or critical axe violations on the " + view).isEmpty();
	}

	/** Whether the page scrolls sideways at the window's width. */
	boolean scrollsSideways() {
		return !Boolean.TRUE
			.equals(this.browser.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"));
	}

	/**
	 * Lets the page of this origin read and write the clipboard, as a user who accepted
	 * the browser's prompt would (Chromium's permission through the DevTools protocol).
	 */
	void grantClipboard(String origin) {
		this.browser.executeCdpCommand("Browser.grantPermissions",
				Map.of("origin", origin, "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
	}

	/** What the clipboard holds, read by the page through the Clipboard API. */
	String clipboard() {
		return (String) this.browser.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				navigator.clipboard.readText().then(done, (error) => done('clipboard refused: ' + error));
				""");
	}

	/** Opens the dashboard at this address with a fresh tab session and signs in. */
	void signIn(String dashboard) {
		this.browser.get(dashboard);
		this.browser.executeScript("window.sessionStorage.clear();");
		this.browser.navigate().refresh();
		type("project-key", IntegrationTest.PROJECT_KEY);
		type("api-key", IntegrationTest.API_KEY);
		this.browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
		awaitVisible("list");
	}

	/**
	 * Writes a screenshot of the page at this window size, from its top, to
	 * server/target/, and puts the window back to 1200×900.
	 */
	void screenshot(String name, int width, int height) throws IOException {
		this.browser.manage().window().setSize(new Dimension(width, height));
		this.browser.executeScript("window.scrollTo(0, 0)");
		byte[] png = this.browser.getScreenshotAs(OutputType.BYTES);
		this.browser.manage().window().setSize(new Dimension(1200, 900));
		Files.write(Path.of("target", name), png);
	}

	/**
	 * Writes a screenshot of the whole of one element, with the window this wide, to
	 * server/target/, and puts the window back to 1200×900.
	 */
	void screenshotOf(String id, String name, int width) throws IOException {
		this.browser.manage().window().setSize(new Dimension(width, 900));
		byte[] png = byId(id).getScreenshotAs(OutputType.BYTES);
		this.browser.manage().window().setSize(new Dimension(1200, 900));
		Files.write(Path.of("target", name), png);
	}

}
