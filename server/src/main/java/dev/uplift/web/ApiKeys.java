package dev.uplift.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/** Where a request carries its API key (docs/api.md §1). */
public final class ApiKeys {

	private static final String BEARER = "Bearer ";

	private ApiKeys() {
	}

	/**
	 * The key of {@code Authorization: Bearer}, {@code x-api-key} or {@code api-key}, in
	 * that order, or null when the request carries none.
	 */
	public static String of(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return authorization.substring(BEARER.length());
		}
		String key = request.getHeader("x-api-key");
		return (key != null) ? key : request.getHeader("api-key");
	}

}
