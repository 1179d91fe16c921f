package dev.uplift.dashboard;

import java.net.URI;
import java.net.URISyntaxException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo site (docs/security.md, the demo's origin).
 *
 * @param enabled whether the demo is served at all
 * @param port the port of the demo's own origin; -1 for the server's port plus one (a
 * random port when the server's is random), 0 for a random port
 * @param baseUrl the demo's address as browsers reach it ({@code http(s)://host:port}),
 * where {@code /demo} on the server's port redirects; blank for the request's host on
 * {@code port}
 */
@ConfigurationProperties("uplift.demo")
record DemoProperties(@DefaultValue("true") boolean enabled, @DefaultValue("-1") int port,
		@DefaultValue("") String baseUrl) {

	DemoProperties {
		if (port < -1 || port > 65_535) {
			throw new IllegalArgumentException(
					"uplift.demo.port must be -1 (the server's port plus one), 0 (random) " + "or a port number");
		}
		baseUrl = baseUrl.strip().replaceAll("/+$", "");
		if (!baseUrl.isEmpty() && !isOrigin(baseUrl)) {
			throw new IllegalArgumentException(
					"uplift.demo.base-url must be an http(s) address with a host and no path, such as "
							+ "https://demo.example.com");
		}
	}

	private static boolean isOrigin(String url) {
		try {
			URI uri = new URI(url);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
					&& (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
					&& uri.getRawFragment() == null && uri.getRawUserInfo() == null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
