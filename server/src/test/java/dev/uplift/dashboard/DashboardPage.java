package dev.uplift.dashboard;

import java.time.Duration;

import org.openqa.selenium.By;
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

}
