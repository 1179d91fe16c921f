package dev.uplift.project;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.uplift.web.ErrorBody;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps Actuator's metrics (JVM, data path, free disk, every project's ingestion counts),
 * in its JSON and in Prometheus' format, for the operator: an API key of the organization
 * the first start created, sent as on every other authenticated route. Health stays
 * public for load balancers and probes.
 */
final class MetricsAccess extends OncePerRequestFilter {

	static final String[] URL_PATTERNS = { "/actuator/metrics", "/actuator/metrics/*", "/actuator/prometheus" };

	private static final ErrorBody REFUSED = ErrorBody.of("Metrics need an API key of the operator's organization: "
			+ "send 'Authorization: Bearer <key>', 'x-api-key' or 'api-key'");

	private final ProjectService projects;

	MetricsAccess(ProjectService projects) {
		this.projects = projects;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.projects.isOperatorKey(ProjectAuthentication.apiKey(request))) {
			chain.doFilter(request, response);
			return;
		}
		REFUSED.writeTo(response, HttpStatus.UNAUTHORIZED.value());
	}

}
