package dev.uplift.tracking;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Leaves the browser's and the SDKs' event routes out of Spring's per-request HTTP observation
 * ({@code http.server.requests}): at thousands of requests per second its timers cost 12–15 % of
 * the single-event rate (docs/performance.md). The writer's own meters ({@code uplift.ingestion.*})
 * tell how ingestion does, per batch instead of per request (docs/decisions.md).
 */
@Configuration(proxyBeanMethods = false)
class CollectObservations {

	@Bean
	ObservationPredicate eventRoutesUnobserved() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& isEventRoute(request.getCarrier().getRequestURI()));
	}

	static boolean isEventRoute(String path) {
		return (path.startsWith("/v2/project/") && path.endsWith("/collect")) || path.equals("/experiment/event");
	}

}
