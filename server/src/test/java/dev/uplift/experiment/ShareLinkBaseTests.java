package dev.uplift.experiment;

import java.util.Map;

import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import dev.uplift.support.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a public base URL configured, share links are built from it and from nothing the
 * client sends.
 */
@TestPropertySource(properties = "uplift.public-base-url=https://ab.example.com/")
class ShareLinkBaseTests extends IntegrationTest {

	@Test
	void shareLinkUsesTheConfiguredBaseWhateverTheHostHeaderSays() {
		long testId = Experiments.create(this.api, project(""), "Based", "based-goal", 9);
		this.api.post(project("/experiment/" + testId + "/share-link"), Map.of());
		RawHttp.Response response = RawHttp.send(port(), "GET", project("/experiment/" + testId + "/share-link"),
				"Authorization: Bearer " + API_KEY + "\r\nX-Forwarded-Host: evil.example\r\n", null);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"share_link\":\"https://ab.example.com/share/" + testId + "/")
			.doesNotContain("evil.example")
			.doesNotContain("localhost");
	}

}
