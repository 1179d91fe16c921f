package dev.uplift.web;

import dev.uplift.error.UpliftException;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost filter of every request but the event routes' POSTs (which have their
 * own, ahead of it): refuses what no route takes, path parameters
 * ({@code /api-keys/24;x=y}) and a {@code Content-Type} that is no concrete media type,
 * and answers any exception that escapes the filters and servlets behind it with the
 * API's error body. Without it such an exception reaches the servlet container, which
 * logs its stack trace once per request.
 */
final class RequestGuard extends OncePerRequestFilter {

	private static final String ACTUATOR = "/actuator/";

	private final UnexpectedErrors unexpectedErrors;

	RequestGuard(UnexpectedErrors unexpectedErrors) {
		this.unexpectedErrors = unexpectedErrors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getRequestURI().indexOf(';') >= 0) {
			ErrorBody.of("Path parameters (';' in the path) are not accepted").writeTo(response, 400);
			return;
		}
		String contentTypeProblem = contentTypeProblem(request.getHeader(HttpHeaders.CONTENT_TYPE));
		if (contentTypeProblem != null) {
			ErrorBody.of(contentTypeProblem).writeTo(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
			return;
		}
		try {
			if (request.getRequestURI().startsWith(ACTUATOR)) {
				EmptyErrorBodies filled = new EmptyErrorBodies(response);
				chain.doFilter(request, filled);
				filled.fillIfEmpty();
			}
			else {
				chain.doFilter(request, response);
			}
		}
		catch (ServletException | RuntimeException ex) {
			answer(response, ex);
		}
	}

	/**
	 * Why a Content-Type cannot be read as any media type, or null when it can (or is
	 * absent).
	 */
	static String contentTypeProblem(String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return null;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			if (type.isWildcardType() || type.isWildcardSubtype()) {
				return "Content-Type must name one media type, not a pattern such as '" + type + "'; send "
						+ "application/json";
			}
			return null;
		}
		catch (InvalidMediaTypeException ex) {
			return "Content-Type is not a media type; send application/json";
		}
	}

	private void answer(HttpServletResponse response, Exception ex) throws IOException {
		Throwable cause = ex;
		while (cause instanceof ServletException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof UpliftException api) {
			respond(response, ApiExceptionHandler.status(api).value(), api.getMessage());
		}
		else if (cause instanceof InvalidParameterException) {
			respond(response, 400, ApiExceptionHandler.INVALID_PARAMETERS);
		}
		else {
			this.unexpectedErrors.record(cause);
			respond(response, 500, "Internal server error");
		}
	}

	private static void respond(HttpServletResponse response, int status, String message) throws IOException {
		if (!response.isCommitted()) {
			response.resetBuffer();
			ErrorBody.of(message).writeTo(response, status);
		}
	}

}
