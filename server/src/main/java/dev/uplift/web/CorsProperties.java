package dev.uplift.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which web origins may call the API-key routes from a browser (docs/security.md).
 *
 * @param allowedOrigins origins ({@code https://admin.example.com}) or origin patterns
 * ({@code https://*.example.com}) whose pages may call the authenticated routes; empty
 * (the default) allows none but Uplift's own pages. The public tracking routes answer
 * every origin regardless.
 */
@ConfigurationProperties("uplift.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {

	public CorsProperties {
		allowedOrigins = allowedOrigins.stream().map(String::strip).filter((origin) -> !origin.isEmpty()).toList();
		for (String origin : allowedOrigins) {
			if (!origin.equals("*") && !origin.matches("https?://[^/?#\\s]+")) {
				throw new IllegalArgumentException("uplift.cors.allowed-origins: '" + origin
						+ "' is not an origin such as https://admin.example.com");
			}
		}
	}

}
