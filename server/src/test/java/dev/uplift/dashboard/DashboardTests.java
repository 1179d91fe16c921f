package dev.uplift.dashboard;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's files: served by Uplift itself, under a policy that allows only its own scripts and styles. */
class DashboardTests extends IntegrationTest {

	@Test
	void dashboardWhenOpenedReturnsHtmlUnderTheContentSecurityPolicy() {
		for (String path : new String[] { "/dashboard", "/dashboard/" }) {
			Response page = this.anonymous.get(path);
			assertThat(page.status()).as(path).isEqualTo(200);
			assertThat(page.header("Content-Type")).as(path).startsWith("text/html");
			assertThat(page.header("Content-Security-Policy")).as(path)
				.isEqualTo(DashboardHeaders.CONTENT_SECURITY_POLICY)
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
		Response script = this.anonymous.get("/dashboard/dashboard.js");
		assertThat(script.status()).isEqualTo(200);
		assertThat(script.header("Content-Type")).containsIgnoringCase("javascript");
		assertThat(script.header("Content-Security-Policy")).isEqualTo(DashboardHeaders.CONTENT_SECURITY_POLICY);
		assertThat(script.body()).contains("fetch(").contains("sessionStorage");

		Response styles = this.anonymous.get("/dashboard/dashboard.css");
		assertThat(styles.status()).isEqualTo(200);
		assertThat(styles.header("Content-Type")).startsWith("text/css");
		assertThat(styles.header("Content-Security-Policy")).isEqualTo(DashboardHeaders.CONTENT_SECURITY_POLICY);
	}

	@Test
	void scriptWritesNoHtmlAndKeepsTheKeysOnlyForTheTab() {
		String script = this.anonymous.get("/dashboard/dashboard.js").body();
		assertThat(script).doesNotContain("innerHTML")
			.doesNotContain("outerHTML")
			.doesNotContain("insertAdjacentHTML")
			.doesNotContain("document.write")
			.doesNotContain("localStorage")
			.doesNotContain("eval(");
	}

	@Test
	void sharePagesKeepTheirOwnHeaders() {
		Response missing = this.anonymous.get("/share/1/unknown-token");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.header("Content-Security-Policy")).isNull();
	}

}
