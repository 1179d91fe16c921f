package dev.uplift.tracking;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.uplift.web.WebConfiguration;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The public tracking routes answer browsers of any origin (docs/api.md §4). */
@Configuration(proxyBeanMethods = false)
class TrackingWebConfiguration implements WebMvcConfigurer {

	private static final String CLIENT_CONFIG = "/v2/project/*/client-config";

	/**
	 * Serves the event routes ahead of Spring MVC's dispatch, before every other filter
	 * but the request limits.
	 */
	@Bean
	FilterRegistrationBean<EventRoutes> eventRoutes(CollectController collect, SdkController sdk,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptions) {
		FilterRegistrationBean<EventRoutes> registration = new FilterRegistrationBean<>(
				new EventRoutes(collect, sdk, exceptions));
		registration.addUrlPatterns(EventRoutes.URL_PATTERNS);
		registration.setOrder(WebConfiguration.EVENT_ROUTES_ORDER);
		return registration;
	}

	/** The event routes in the OpenAPI document, which cannot see them otherwise. */
	@Bean
	@Order(-1)
	EventRoutesDocumentation eventRoutesDocumentation() {
		return new EventRoutesDocumentation();
	}

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		// The script revalidates its cached copy: it sends If-None-Match and must be able
		// to read the ETag.
		registry.addMapping(CLIENT_CONFIG)
			.allowedOrigins("*")
			.allowedMethods("GET", "POST", "OPTIONS")
			.allowedHeaders(HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_NONE_MATCH)
			.exposedHeaders(HttpHeaders.ETAG)
			.maxAge(86400);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new NoContentPreflight()).addPathPatterns(CLIENT_CONFIG);
	}

	/**
	 * Answers an accepted preflight with 204 rather than an empty 200, as
	 * client-config.md specifies.
	 */
	private static final class NoContentPreflight implements HandlerInterceptor {

		@Override
		public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
				ModelAndView modelAndView) {
			if (CorsUtils.isPreFlightRequest(request) && response.getStatus() == HttpStatus.OK.value()) {
				response.setStatus(HttpStatus.NO_CONTENT.value());
			}
		}

	}

}
