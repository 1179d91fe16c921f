package dev.uplift.dashboard;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import dev.uplift.support.HeadlessChromium;

/**
 * Times the dashboard's experiment view against a running Uplift, whatever its database
 * holds: signs in, then reloads the view again and again and reads from the Performance
 * API the time from navigation to the results drawn and to the charts over time drawn
 * (the marks results-view.js sets). Run by {@code bench/run.sh --dashboard-view}; see
 * docs/dashboard.md.
 */
public final class DashboardViewTiming {

	private DashboardViewTiming() {
	}

	/**
	 * Arguments: base URL, project key, API key, experiment id, number of reloads, report
	 * file.
	 * @param args the arguments
	 * @throws Exception when the browser or the report fails
	 */
	public static void main(String[] args) throws Exception {
		if (args.length != 6) {
			throw new IllegalArgumentException(
					"usage: DashboardViewTiming <base-url> <project-key> <api-key> <test-id> <reloads> <report-file>");
		}
		String base = args[0].replaceAll("/+$", "");
		long testId = Long.parseLong(args[3]);
		int reloads = Integer.parseInt(args[4]);
		Path profile = Files.createTempDirectory("uplift-chromium");
		ChromeDriver browser = HeadlessChromium.launch(profile);
		try {
			DashboardPage page = new DashboardPage(browser);
			browser.get(base + "/dashboard");
			page.type("project-key", args[1]);
			page.type("api-key", args[2]);
			browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
			page.awaitVisible("experiments");
			browser.get(base + "/dashboard#experiment/" + testId);
			List<String> lines = new ArrayList<>();
			List<Double> results = new ArrayList<>();
			List<Double> charts = new ArrayList<>();
			for (int run = 0; run < reloads; run++) {
				browser.navigate().refresh();
				page.await(60)
					.until((driver) -> (Boolean) browser
						.executeScript("return performance.getEntriesByName('uplift:results-rendered').length > 0"
								+ " && performance.getEntriesByName('uplift:charts-rendered').length > 0"));
				Object timings = browser.executeScript("""
						const mark = (name) => performance.getEntriesByName(name).map((entry) => entry.startTime)[0];
						const nav = performance.getEntriesByType('navigation')[0];
						return [mark('uplift:results-rendered'), mark('uplift:charts-rendered'),
						  nav.domContentLoadedEventEnd, performance.getEntriesByType('resource').length];
						""");
				List<?> values = (List<?>) timings;
				double result = ((Number) values.get(0)).doubleValue();
				double chart = ((Number) values.get(1)).doubleValue();
				results.add(result);
				charts.add(chart);
				lines.add(String.format(Locale.ROOT,
						"reload %d: results drawn %.0f ms, charts drawn %.0f ms, DOMContentLoaded %.0f ms, %s resources",
						run + 1, result, chart, ((Number) values.get(2)).doubleValue(), values.get(3)));
			}
			lines.add(String.format(Locale.ROOT,
					"experiment %d, %d reloads: results drawn median %.0f ms (max %.0f), charts drawn median %.0f ms (max %.0f)",
					testId, reloads, median(results), max(results), median(charts), max(charts)));
			lines.forEach(System.out::println);
			Files.write(Path.of(args[5]), lines, StandardCharsets.UTF_8);
		}
		finally {
			browser.quit();
			try (var files = Files.walk(profile)) {
				files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(java.io.File::delete);
			}
		}
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static double max(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

}
