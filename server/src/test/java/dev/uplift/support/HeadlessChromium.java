package dev.uplift.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromedriver, headless, with a throw-away profile and no
 * downloads, for the tests of one class: register it as a static
 * {@code @RegisterExtension} field. Skips the class with a message when they are not
 * installed, except in CI, where it fails.
 */
public final class HeadlessChromium implements BeforeAllCallback, AfterAllCallback {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private ChromeDriver driver;

	private Path profile;

	/** Starts the browser with a 1200×900 window. */
	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		String missing = "Chromium or its driver is missing: apt-get install -y chromium chromium-driver";
		if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(missing + " (CI=true: the browser tests must run)");
		}
		Assumptions.assumeTrue(installed, () -> "Skipped: " + missing);
		this.profile = Files.createTempDirectory("uplift-chromium");
		this.driver = launch(this.profile);
	}

	/**
	 * Starts Debian's Chromium headless on a profile directory, with a 1200×900 window.
	 * @param profile the throw-away profile directory
	 * @return the browser
	 */
	public static ChromeDriver launch(Path profile) {
		// Both paths are given, so Selenium Manager never looks for (or downloads) a
		// browser or driver.
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().window().setSize(new Dimension(1200, 900));
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(15)).pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

	/** Quits the browser and deletes its profile. */
	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		if (this.driver != null) {
			this.driver.quit();
			this.driver = null;
		}
		if (this.profile != null) {
			try (var files = Files.walk(this.profile)) {
				files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
			}
			this.profile = null;
		}
	}

	/** The running browser; only between the class's first and last test. */
	public ChromeDriver driver() {
		if (this.driver == null) {
			throw new IllegalStateException("Chromium is not running: register HeadlessChromium as a static extension");
		}
		return this.driver;
	}

}
