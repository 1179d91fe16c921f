package dev.uplift.assignment;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser half of assignment ships inside the server: {@code GET /snippet.js} serves it without a key. */
class SnippetScriptTests extends IntegrationTest {

	@Test
	void snippetWhenRequestedWithoutKeyReturnsTheScript() {
		Response response = this.anonymous.get("/snippet.js?key=" + PROJECT_KEY);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).contains("javascript");
		assertThat(response.body()).contains("0x811c9dc5").contains("/client-config").contains("/collect");
	}

}
