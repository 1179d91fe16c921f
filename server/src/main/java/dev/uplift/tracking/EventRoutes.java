package dev.uplift.tracking;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.uplift.web.JsonCorsProcessor;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The one routing of the event routes (the browser script's collect, the SDKs' query and
 * event): every request to their paths is answered here, ahead of Spring MVC's dispatch
 * and the filters behind this one, and their handlers have no MVC mapping. At thousands
 * of single-event requests a second, finding the handler among the API's routes, the
 * filters and the dispatch took a fifth of a request thread's CPU (docs/performance.md).
 * POSTs go to the handlers under the routes' CORS policy (any origin), preflights are
 * answered or refused (403 in the API's error body) by that policy, a plain OPTIONS lists
 * the allowed methods, and any other method is a 405; exceptions go to the MVC exception
 * resolvers, which give the API's one error body. Spring's per-request HTTP observation,
 * a filter behind this one, never sees these requests: the writer's own meters measure
 * ingestion (docs/decisions.md).
 */
final class EventRoutes extends HttpFilter {

	static final String COLLECT = "/v2/project/{project_key}/collect";

	static final String SDK_QUERY = "/experiment/query";

	static final String SDK_EVENT = "/experiment/event";

	static final String SDK_IDENTIFY = "/experiment/identify";

	/** The servlet URL patterns this filter is mapped to. */
	static final String[] URL_PATTERNS = { "/v2/project/*", SDK_QUERY, SDK_EVENT, SDK_IDENTIFY };

	/**
	 * The routes answer any origin; their preflight is cached for a day. Read-only once
	 * built.
	 */
	static final CorsConfiguration CORS = cors();

	private static final PathPattern collect = PathPatternParser.defaultInstance.parse(COLLECT);

	private final CollectController collectController;

	private final SdkController sdkController;

	private static final String ALLOWED = "POST, OPTIONS";

	private final CorsProcessor corsProcessor = new JsonCorsProcessor();

	private final HandlerExceptionResolver exceptions;

	EventRoutes(CollectController collectController, SdkController sdkController, HandlerExceptionResolver exceptions) {
		this.collectController = collectController;
		this.sdkController = sdkController;
		this.exceptions = exceptions;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		Route route = route(request);
		if (route == null) {
			chain.doFilter(request, response);
			return;
		}
		try {
			if (CorsUtils.isPreFlightRequest(request)) {
				// Answered, or refused in the API's error body, by the routes' own
				// policy.
				this.corsProcessor.processRequest(CORS, request, response);
			}
			else if (HttpMethod.OPTIONS.matches(request.getMethod())) {
				response.setHeader(HttpHeaders.ALLOW, ALLOWED);
			}
			else if (!HttpMethod.POST.matches(request.getMethod())) {
				resolve(request, response, new HttpRequestMethodNotSupportedException(request.getMethod(),
						List.of(HttpMethod.POST.name(), HttpMethod.OPTIONS.name())));
			}
			else if (this.corsProcessor.processRequest(CORS, request, response)) {
				route.serve(request, response);
			}
		}
		catch (RuntimeException ex) {
			resolve(request, response, ex);
		}
	}

	private void resolve(HttpServletRequest request, HttpServletResponse response, Exception ex) {
		if (this.exceptions.resolveException(request, response, null, ex) == null) {
			throw (ex instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
		}
	}

	/** The route a request is for, or null when it is for none of the event routes. */
	private Route route(HttpServletRequest request) {
		PathContainer path = RequestPath.parse(request.getRequestURI(), request.getContextPath())
			.pathWithinApplication();
		String value = path.value();
		if (value.equals(SDK_EVENT)) {
			return this.sdkController::event;
		}
		if (value.equals(SDK_IDENTIFY)) {
			return this.sdkController::identify;
		}
		if (value.equals(SDK_QUERY)) {
			return this.sdkController::query;
		}
		PathPattern.PathMatchInfo match = collect.matchAndExtract(path);
		if (match == null) {
			return null;
		}
		String projectKey = match.getUriVariables().get("project_key");
		return (req, res) -> this.collectController.collect(projectKey, req, res);
	}

	private static CorsConfiguration cors() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOriginPatterns(List.of(CorsConfiguration.ALL));
		cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
		cors.setMaxAge(Duration.ofDays(1));
		return cors.applyPermitDefaultValues();
	}

	@FunctionalInterface
	private interface Route {

		void serve(HttpServletRequest request, HttpServletResponse response) throws IOException;

	}

}
