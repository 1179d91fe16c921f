package dev.uplift.web;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS on purpose (docs/security.md): routes that declare their own policy, the public
 * tracking routes, keep it (any origin); every other route, the API-key routes among
 * them, answers only the origins the operator configured
 * ({@code uplift.cors.allowed-origins}), by default none but Uplift's own pages. Every
 * preflight gets an answer: 204 with the policy's headers, or 403 with the API's error
 * body.
 */
final class CrossOriginPolicy extends OncePerRequestFilter {

	private final CorsConfiguration configured;

	private final CorsConfigurationSource routes;

	private final JsonCorsProcessor processor = new JsonCorsProcessor();

	/**
	 * @param properties the operator's origins
	 * @param routes the routes' own CORS configurations (Spring MVC's mappings)
	 */
	CrossOriginPolicy(CorsProperties properties, CorsConfigurationSource routes) {
		this.configured = configuration(properties.allowedOrigins());
		this.routes = routes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		boolean preflight = CorsUtils.isPreFlightRequest(request);
		// A request a browser sends without a preflight cannot carry an API key: unless
		// its origin is allowed it passes untouched, and without CORS headers its page
		// cannot read the answer.
		if (origin == null || (!preflight && this.configured.checkOrigin(origin) == null)) {
			chain.doFilter(request, response);
			return;
		}
		CorsConfiguration own = this.routes.getCorsConfiguration(request);
		if (own != null) {
			// Spring MVC answers the route's preflight by its own policy; a refusal is
			// told here, in the API's error body rather than Spring's plain text.
			if (preflight && refuses(own, request)) {
				this.processor.rejectRequest(new ServletServerHttpResponse(response));
				return;
			}
			chain.doFilter(request, response);
			return;
		}
		if (!this.processor.processRequest(this.configured, request, response)) {
			return;
		}
		if (preflight) {
			response.setStatus(HttpStatus.NO_CONTENT.value());
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean refuses(CorsConfiguration policy, HttpServletRequest request) {
		String requested = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD).strip();
		if (requested.isEmpty()) {
			return true;
		}
		HttpMethod method = HttpMethod.valueOf(requested);
		List<String> headers = new ArrayList<>();
		for (String value : Collections.list(request.getHeaders(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS))) {
			for (String header : value.split(",")) {
				if (!header.isBlank()) {
					headers.add(header.strip());
				}
			}
		}
		return policy.checkOrigin(request.getHeader(HttpHeaders.ORIGIN)) == null
				|| policy.checkHttpMethod(method) == null
				|| (!headers.isEmpty() && policy.checkHeaders(headers) == null);
	}

	private static CorsConfiguration configuration(List<String> origins) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOriginPatterns(origins);
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, "x-api-key", "api-key", HttpHeaders.CONTENT_TYPE,
				HttpHeaders.IF_NONE_MATCH));
		cors.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION));
		cors.setMaxAge(Duration.ofHours(1));
		return cors;
	}

}
