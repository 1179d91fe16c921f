package dev.uplift.assignment;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser half of assignment ships inside the server: {@code GET /snippet.js} serves
 * it without a key.
 */
class SnippetScriptTests extends IntegrationTest {

	@Test
	void snippetWhenRequestedWithoutKeyReturnsTheScript() {
		Response response = this.anonymous.get("/snippet.js?key=" + PROJECT_KEY);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).contains("javascript");
		assertThat(response.body()).contains("2166136261").contains("/client-config").contains("/collect");
		assertThat(response.header("Cache-Control")).contains("max-age=300");
	}

	@Test
	void snippetIsSentGzippedUnderTenKilobytes() throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/snippet.js"))
				.header("Accept-Encoding", "gzip")
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(response.body().length).isLessThan(10 * 1024);
		try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
			assertThat(new String(unzipped.readAllBytes(), StandardCharsets.UTF_8)).contains("2166136261");
		}
	}

}
