package dev.uplift.dashboard;

import java.io.IOException;
import java.util.regex.Pattern;

import dev.uplift.web.ErrorBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the demo on its own origin ({@link DemoOrigin}): {@code /demo} on the server's
 * port redirects there, and the demo's port serves the demo's pages, the browser script
 * and the tracking routes it calls, nothing else. The dashboard, whose key the demo's
 * code must not reach, is not served on the demo's origin.
 */
final class DemoOriginFilter extends OncePerRequestFilter {

	private static final Pattern DEMO_PAGES = Pattern.compile("/demo(/.*)?");

	private static final Pattern ON_DEMO_ORIGIN = Pattern
		.compile("/demo(/.*)?|/snippet\\.js|/v2/project/[^/]+/(collect|client-config)|/favicon\\.ico");

	private final DemoOrigin origin;

	DemoOriginFilter(DemoOrigin origin) {
		this.origin = origin;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		if (this.origin.serves(request)) {
			if (ON_DEMO_ORIGIN.matcher(path).matches()) {
				chain.doFilter(request, response);
			}
			else {
				ErrorBody.of("Only the demo is served on this port").writeTo(response, 404);
			}
		}
		else if (this.origin.active() && DEMO_PAGES.matcher(path).matches()) {
			String query = request.getQueryString();
			response.setStatus(HttpServletResponse.SC_FOUND);
			response.setHeader("Location", this.origin.baseUrl(request) + path + ((query != null) ? "?" + query : ""));
			response.setHeader("Cache-Control", "no-store");
		}
		else {
			chain.doFilter(request, response);
		}
	}

}
