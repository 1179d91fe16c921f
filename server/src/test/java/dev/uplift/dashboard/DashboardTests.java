package dev.uplift.dashboard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's files: served by Uplift itself, under a policy that allows only its own
 * scripts and styles.
 */
class DashboardTests extends IntegrationTest {

	private static final Pattern IMPORT = Pattern.compile("from '\\./([a-z-]+\\.js)'");

	@Test
	void dashboardWhenOpenedReturnsHtmlUnderTheContentSecurityPolicy() {
		for (String path : new String[] { "/dashboard", "/dashboard/" }) {
			Response page = this.anonymous.get(path);
			assertThat(page.status()).as(path).isEqualTo(200);
			assertThat(page.header("Content-Type")).as(path).startsWith("text/html");
			assertThat(page.header("Content-Security-Policy")).as(path)
				.isEqualTo(PageHeaders.DASHBOARD)
				.contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
				.doesNotContain("unsafe");
			assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(page.body()).contains("<script type=\"module\" src=\"/dashboard/dashboard.js\"></script>")
				.contains("<link rel=\"stylesheet\" href=\"/dashboard/dashboard.css\">")
				.contains("<form id=\"sign-in-form\"");
		}
	}

	@Test
	void dashboardPageHasNoInlineCodeAndNothingFromElsewhere() {
		String page = this.anonymous.get("/dashboard").body();
		assertThat(page).doesNotContainPattern("<script(?![^>]*\\ssrc=)")
			.doesNotContain("<style")
			.doesNotContain(" style=")
			.doesNotContainPattern("\\son[a-z]+=")
			.doesNotContain("http://")
			.doesNotContain("https://");
	}

	@Test
	void scriptAndStylesheetAreServedUnderTheSamePolicy() {
		Map<String, String> modules = modules();
		assertThat(modules).containsKeys("dashboard.js", "api.js", "authoring.js");
		for (String module : modules.keySet()) {
			Response script = this.anonymous.get("/dashboard/" + module);
			assertThat(script.status()).as(module).isEqualTo(200);
			assertThat(script.header("Content-Type")).as(module).containsIgnoringCase("javascript");
			assertThat(script.header("Content-Security-Policy")).as(module).isEqualTo(PageHeaders.DASHBOARD);
		}
		assertThat(modules.get("dashboard.js")).contains("sessionStorage");
		assertThat(modules.get("api.js")).contains("fetch(");

		Response styles = this.anonymous.get("/dashboard/dashboard.css");
		assertThat(styles.status()).isEqualTo(200);
		assertThat(styles.header("Content-Type")).startsWith("text/css");
		assertThat(styles.header("Content-Security-Policy")).isEqualTo(PageHeaders.DASHBOARD);
	}

	@Test
	void scriptWritesNoHtmlAndKeepsTheKeysOnlyForTheTab() {
		// The names alone may appear: the page changes editor offers them as properties a
		// change sets for the snippet; reading or writing them is what must not.
		modules().forEach((module, script) -> assertThat(script).as(module)
			.doesNotContainPattern("\\.\\s*(innerHTML|outerHTML)\\b")
			.doesNotContainPattern("\\[\\s*['\"`](innerHTML|outerHTML)['\"`]\\s*\\]")
			.doesNotContain("insertAdjacentHTML")
			.doesNotContain("document.write")
			.doesNotContain("localStorage")
			.doesNotContain("eval("));
	}

	/**
	 * Every module the dashboard and the share page load, by name, with its text: their
	 * entry modules and what these import, transitively.
	 */
	private Map<String, String> modules() {
		Map<String, String> modules = new LinkedHashMap<>();
		Deque<String> pending = new ArrayDeque<>(List.of("dashboard.js", "share.js"));
		while (!pending.isEmpty()) {
			String module = pending.pop();
			if (modules.containsKey(module)) {
				continue;
			}
			String text = this.anonymous.get("/dashboard/" + module).body();
			modules.put(module, text);
			Matcher imports = IMPORT.matcher(text);
			while (imports.find()) {
				pending.push(imports.group(1));
			}
		}
		return modules;
	}

	@Test
	void aWrongShareTokenIsAFriendlyPageWithTheSharePolicy() {
		Response missing = this.anonymous.get("/share/1/unknown-token");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.header("Content-Security-Policy")).isEqualTo(PageHeaders.SHARE);
		assertThat(missing.header("Content-Type")).startsWith("text/html");
		assertThat(missing.body()).contains("<title>Link not found · Uplift</title>",
				"This results link does not work");
		// The JSON twin stays an API answer.
		Response json = this.anonymous.get("/share/1/unknown-token.json");
		assertThat(json.status()).isEqualTo(404);
		assertThat(json.header("Content-Type")).startsWith("application/json");
	}

	@Test
	void sharePageLoadsOnlyFromUpliftAndCannotBeFramed() {
		long testId = Experiments.create(this.api, "/v2/project/" + PROJECT_KEY, "Shared page", "shared-page-goal", 1);
		String link = this.api.post("/v2/project/" + PROJECT_KEY + "/experiment/" + testId + "/share-link", Map.of())
			.json()
			.get("share_link")
			.asString();
		Response page = this.anonymous.get(link);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Security-Policy")).isEqualTo(PageHeaders.SHARE)
			.contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
			.doesNotContain("unsafe")
			.doesNotContain("http");
		assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
		// The page's one script is the dashboard's share module; no inline code or
		// style, which the policy would block.
		assertThat(page.body()).contains("<script type=\"module\" src=\"/dashboard/share.js\"></script>")
			.doesNotContain("<style")
			.doesNotContain(" style=");
		assertThat(page.body().split("<script", -1)).hasSize(2);
		assertThat(this.anonymous.get(link + ".json").json().get("test_name").asString()).isEqualTo("Shared page");
	}

	@Test
	void demoPagesSendOnlyToUpliftAndCannotBeFramed() {
		for (String path : new String[] { "/demo", "/demo/thanks" }) {
			Response page = this.anonymous.get(path);
			assertThat(page.status()).as(path).isEqualTo(200);
			assertThat(page.header("Content-Security-Policy")).as(path)
				.isEqualTo(PageHeaders.DEMO)
				.contains("connect-src 'self'", "frame-ancestors 'none'");
			assertThat(page.header("X-Frame-Options")).as(path).isEqualTo("DENY");
		}
	}

}
