package dev.uplift.tracking;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Hands the POSTs of the event routes (the browser script's collect, the SDKs' query and
 * event) to their controllers ahead of Spring MVC's dispatch and the filters behind this
 * one. At thousands of single-event requests a second, finding the handler among the
 * API's routes, the filters and the dispatch took a fifth of a request thread's CPU
 * (docs/performance.md). The answers are the same: the routes' CORS configuration is
 * applied by Spring's own processor, and exceptions go to the MVC exception resolvers,
 * which give the API's one error body. Every other request passes on to the controllers'
 * mappings, the routes' CORS preflights and other methods among them. Spring's
 * per-request HTTP observation, a filter behind this one, never sees these requests: the
 * writer's own meters measure ingestion (docs/decisions.md).
 */
final class EventRoutes extends HttpFilter {

	static final String COLLECT = "/v2/project/{project_key}/collect";

	static final String SDK_QUERY = "/experiment/query";

	static final String SDK_EVENT = "/experiment/event";

	/** The routes' path patterns, for their Spring MVC CORS mappings. */
	static final String[] PATHS = { COLLECT, SDK_QUERY, SDK_EVENT };

	/** The servlet URL patterns this filter is mapped to. */
	static final String[] URL_PATTERNS = { "/v2/project/*", SDK_QUERY, SDK_EVENT };

	/**
	 * The routes answer any origin; their preflight is cached for a day. Read-only once
	 * built.
	 */
	static final CorsConfiguration CORS = cors();

	private static final PathPattern collect = PathPatternParser.defaultInstance.parse(COLLECT);

	private final CollectController collectController;

	private final SdkController sdkController;

	private final CorsProcessor corsProcessor = new DefaultCorsProcessor();

	private final HandlerExceptionResolver exceptions;

	EventRoutes(CollectController collectController, SdkController sdkController, HandlerExceptionResolver exceptions) {
		this.collectController = collectController;
		this.sdkController = sdkController;
		this.exceptions = exceptions;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		Route route = HttpMethod.POST.matches(request.getMethod()) ? route(request) : null;
		if (route == null) {
			chain.doFilter(request, response);
			return;
		}
		if (!this.corsProcessor.processRequest(CORS, request, response)) {
			return;
		}
		try {
			route.serve(request, response);
		}
		catch (RuntimeException ex) {
			if (this.exceptions.resolveException(request, response, null, ex) == null) {
				throw ex;
			}
		}
	}

	/** The route a POST is for, or null when it is for none of the event routes. */
	private Route route(HttpServletRequest request) {
		PathContainer path = RequestPath.parse(request.getRequestURI(), request.getContextPath())
			.pathWithinApplication();
		String value = path.value();
		if (value.equals(SDK_EVENT)) {
			return this.sdkController::event;
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
