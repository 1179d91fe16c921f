package dev.uplift.dashboard;

import java.io.IOException;
import java.util.List;

import dev.uplift.support.HeadlessChromium;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A treatment's page changes (Mida's variant {@code data}) authored in the dashboard with
 * the keyboard, refused next to the field while a selector is broken, stored in Mida's
 * shape, read back into the form, and applied by the snippet in a preview.
 */
@Tag("browser")
class BrowserChangesTests extends IntegrationTest {

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	@Test
	void pageChangesAreAuthoredWithTheKeyboardStoredInMidasShapeAndPreviewed() throws IOException {
		page().signIn(url("/dashboard"));
		browser().get(url("/dashboard#new"));
		DashboardPage.type(page().field("test_name"), "Headline words");
		DashboardPage.type(page().field("url"), url("/demo"));
		// From the treatment's JavaScript editor: Escape, then Tab leaves it for the next
		// control, which adds a change.
		page().field("variants[0].customJS").click();
		active().sendKeys(Keys.ESCAPE);
		active().sendKeys(Keys.TAB);
		assertThat(active().getText()).isEqualTo("Add a page change");
		active().sendKeys(Keys.ENTER);
		assertThat(active().getAttribute("data-field")).isEqualTo("variants[0].data[0].kind");
		active().sendKeys(Keys.TAB);
		assertThat(active().getAttribute("data-field")).isEqualTo("variants[0].data[0].target");
		active().sendKeys("h1[");
		active().sendKeys(Keys.TAB);
		assertThat(active().getAttribute("data-field")).isEqualTo("variants[0].data[0].property");
		active().sendKeys(Keys.TAB);
		assertThat(active().getAttribute("data-field")).isEqualTo("variants[0].data[0].innerText");
		active().sendKeys("Write less, ship more");
		page().axe("editor with a page change");
		browser().manage().window().setSize(new Dimension(390, 844));
		assertThat(page().scrollsSideways()).as("sideways scrolling at 390 px").isFalse();
		page().axe("editor with a page change at 390 px");
		page().screenshot("dashboard-changes-narrow.png", 390, 5200);
		browser().findElement(By.cssSelector("#editor-form button[type=submit]")).click();

		WebElement error = page().await(10)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".field-error")));
		assertThat(error.getText()).isEqualTo("'variants[0].data[0].target' is not a valid CSS selector: h1[");
		assertThat(active().getAttribute("data-field")).isEqualTo("variants[0].data[0].target");
		assertThat(active().getAttribute("aria-describedby")).isEqualTo(error.getAttribute("id"));
		assertThat((String) browser().executeScript("return location.hash")).isEqualTo("#new");
		DashboardPage.type(active(), "h1");
		browser().findElement(By.cssSelector("#editor-form button[type=submit]")).click();
		page().awaitText("detail-name", "Headline words");
		long testId = page().testIdFromHash();
		assertThat(data(testId).toString()).isEqualTo("[{\"target\":\"h1\",\"innerText\":\"Write less, ship more\"}]");

		page().click("action-edit");
		assertThat(page().field("variants[0].data[0].target").getAttribute("value")).isEqualTo("h1");
		assertThat(page().field("variants[0].data[0].innerText").getAttribute("value"))
			.isEqualTo("Write less, ship more");
		browser().findElement(By.xpath("//button[text()='Add a page change']")).click();
		new Select(page().field("variants[0].data[1].kind")).selectByValue("hide");
		DashboardPage.type(page().field("variants[0].data[1].target"), ".cta-button");
		page().screenshot("dashboard-changes.png", 1200, 3200);
		browser().findElement(By.cssSelector("#editor-form button[type=submit]")).click();
		page().awaitText("detail-name", "Headline words");
		assertThat(data(testId).toString()).isEqualTo("[{\"target\":\"h1\",\"innerText\":\"Write less, ship more\"},"
				+ "{\"target\":\".cta-button\",\"style\":\"display: none;\"}]");

		List<WebElement> previews = page().await(10)
			.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#preview-links a"), 2));
		browser().get(previews.get(1).getAttribute("href"));
		page().await(10)
			.until((driver) -> driver.findElement(By.tagName("h1")).getText().equals("Write less, ship more"));
		assertThat(browser().findElement(By.cssSelector(".cta-button")).isDisplayed()).isFalse();
	}

	/** The stored changes of the experiment's first treatment, as the API reads them. */
	private JsonNode data(long testId) {
		return this.api.get(project("/experiment/" + testId)).json().at("/experiment/variants/1/data");
	}

	private static WebElement active() {
		return browser().switchTo().activeElement();
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
