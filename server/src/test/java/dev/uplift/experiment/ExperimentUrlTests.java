package dev.uplift.experiment;

import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Experiment URLs become preview links a browser opens: only web pages, never script or
 * data URLs.
 */
class ExperimentUrlTests extends IntegrationTest {

	@ParameterizedTest
	@ValueSource(strings = { "javascript:alert(document.domain)", "JavaScript:alert(1)", "data:text/html,<b>x</b>",
			"//evil.example/page", "ftp://example.com/", "https://", "example.com/pricing" })
	void createWhenUrlIsNotAWebAddressReturns400NamingUrl(String url) {
		Response response = this.api.post(project("/create-experiment"),
				Map.of("test_name", "Bad url", "url", url, "variants", List.of(Map.of("data", List.of()))));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).startsWith("'url' must be an http:// or https:// address");
	}

	@Test
	void updateWhenUrlIsJavascriptReturns400AndKeepsTheOldOne() {
		long testId = Experiments.create(this.api, project(""), "Keeps url", "keeps-url-goal", 9);
		Response response = this.api.patch(project("/experiment/" + testId), Map.of("url", "javascript:alert(1)"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(this.api.get(project("/experiment/" + testId)).json().at("/experiment/url").asString())
			.isEqualTo("https://example.com/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://example.com/", "http://localhost:3000/a?b=c#d", "/pricing" })
	void createWhenUrlIsAWebPageOrPathAccepts(String url) {
		Response response = this.api.post(project("/create-experiment"),
				Map.of("test_name", "Good url", "url", url, "variants", List.of(Map.of("data", List.of()))));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	@Test
	void plainPageRuleThatIsNotAWebAddressDoesNotBecomeThePreviewBase() {
		Response created = this.api.post(project("/create-experiment"),
				Map.of("test_name", "Rule url", "page_urls",
						List.of(Map.of("url", "javascript:alert(1)", "rule", "simple")), "variants",
						List.of(Map.of("data", List.of()))));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		long testId = created.json().get("test_id").asLong();
		assertThat(this.api.get(project("/experiment/" + testId + "/preview-urls")).status()).isEqualTo(409);
	}

}
