package dev.uplift.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.uplift.assignment.ExclusionSlice;
import dev.uplift.support.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.FluentWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An exclusion group acting on a demo page in a real headless Chromium: two live
 * experiments on the same page in one group, and every visitor sees exactly the one their
 * slice names, and is counted only there. The page is the demo's thanks page, which the
 * demo experiment does not run on, so that its counts stay as BrowserDemoTests expects
 * them.
 */
class BrowserExclusionTests extends DemoPageBrowserTest {

	private static final double[] PERCENTS = { 30, 70 };

	@Test
	void demoPageVisitorsOfAnExclusionGroupSeeOnlyTheExperimentOfTheirSlice() {
		long banner = liveOnDemo("banner");
		long badge = liveOnDemo("badge");
		Response group = this.api.post(project("/exclusion-groups"), Map.of("name", "Thanks page, one at a time",
				"tests", List.of(Map.of("test_id", banner, "percent", 30), Map.of("test_id", badge, "percent", 70))));
		assertThat(group.status()).as(group.body()).isEqualTo(200);
		long groupId = group.json().get("group_id").asLong();
		ExclusionSlice bannerSlice = new ExclusionSlice(groupId, 0, PERCENTS);

		List<String> visitors = new ArrayList<>();
		visitors.add(arrive(null, banner, badge, bannerSlice));
		List<String> chosen = new ArrayList<>(visitorIds(bannerSlice, true));
		chosen.addAll(visitorIds(bannerSlice, false));
		for (String visitor : chosen) {
			visitors.add(arrive(visitor, banner, badge, bannerSlice));
		}
		leave();
		long inBanner = visitors.stream().filter(bannerSlice::admits).count();
		awaitVisitors(banner, inBanner);
		awaitVisitors(badge, visitors.size() - inBanner);
	}

	/**
	 * Opens the demo's thanks page as a visitor this browser has not seen; with an id, as
	 * a visitor whose id cookie says so. Checks that the script entered them in exactly
	 * the experiment of their slice, and ran only its code.
	 */
	@SuppressWarnings("unchecked")
	private String arrive(String visitorId, long banner, long badge, ExclusionSlice bannerSlice) {
		openPageAs(visitorId);
		Map<String, Object> seen = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
				"""
						var done = arguments[arguments.length - 1];
						var banner = arguments[0], badge = arguments[1];
						window.upliftq.push(function (uplift) {
						  done({visitorId: uplift.visitorId(), banner: uplift.getVariant(banner), badge: uplift.getVariant(badge),
						        ran: document.body.getAttribute('data-exclusive') || ''});
						});
						""",
				banner, badge);
		String id = (String) seen.get("visitorId");
		if (visitorId != null) {
			assertThat(id).isEqualTo(visitorId);
		}
		boolean inBanner = bannerSlice.admits(id);
		assertThat(seen.get("banner") != null).as("banner for %s", id).isEqualTo(inBanner);
		assertThat(seen.get("badge") != null).as("badge for %s", id).isEqualTo(!inBanner);
		assertThat(seen.get("ran")).as("code run for %s", id).isEqualTo(inBanner ? "banner" : "badge");
		return id;
	}

	/**
	 * A live two-arm experiment on the page whose code marks the body with its name for
	 * every arm.
	 */
	private long liveOnDemo(String name) {
		Response created = this.api.post(project("/create-experiment"), Map.of("test_name", "Exclusive " + name,
				"page_urls", List.of(Map.of("url", PAGE, "rule", "simple")), "custom_js",
				"document.body.setAttribute('data-exclusive', (document.body.getAttribute('data-exclusive') || '') + '"
						+ name + "')",
				"variants", List.of(Map.of("data", List.of())), "status", 1));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		long testId = created.json().get("test_id").asLong();
		this.started.add(testId);
		return testId;
	}

	/**
	 * Two ids of the form {@code exclusive-visitor-N} inside the banner's slice, or two
	 * outside it.
	 */
	private static List<String> visitorIds(ExclusionSlice bannerSlice, boolean inside) {
		List<String> ids = new ArrayList<>();
		for (int n = 1; ids.size() < 2; n++) {
			String id = "exclusive-visitor-" + n;
			if (bannerSlice.admits(id) == inside) {
				ids.add(id);
			}
		}
		return ids;
	}

	/**
	 * Leaves the site for a page without the script, so that the script sends what it
	 * holds on pagehide.
	 */
	private void leave() {
		browser.get(url(project("/client-config")));
	}

	/**
	 * Waits until the experiment's result counts these visitors (beacons arrive
	 * asynchronously).
	 */
	private void awaitVisitors(long testId, long expected) {
		FluentWait<Long> wait = new FluentWait<>(testId).withTimeout(Duration.ofSeconds(20))
			.pollingEvery(Duration.ofMillis(200));
		wait.until((id) -> visitors(id) == expected);
		assertThat(visitors(testId)).as("visitors of test %d", testId).isEqualTo(expected);
	}

	private long visitors(long testId) {
		Response response = this.api.get(project("/experiment/" + testId + "/result"));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("total_visitors").asLong();
	}

}
