package dev.uplift.experiment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Uplift is reachable from the outside.
 *
 * @param publicBaseUrl base of public links such as share links
 * ({@code https://ab.example.com}); blank means links relative to Uplift's own origin
 * ({@code /share/...})
 */
@ConfigurationProperties("uplift")
record ShareLinkProperties(@DefaultValue("") String publicBaseUrl) {

	ShareLinkProperties {
		if (!publicBaseUrl.isBlank() && !publicBaseUrl.strip().matches("https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
			throw new IllegalArgumentException(
					"uplift.public-base-url must be an http(s) URL such as https://ab.example.com, not '"
							+ publicBaseUrl + "'");
		}
	}

}
