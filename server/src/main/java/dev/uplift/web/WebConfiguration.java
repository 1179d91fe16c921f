package dev.uplift.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.catalina.core.StandardHost;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * The request limits, the API's error body everywhere (Tomcat's own error pages, whatever
 * escapes the servlets) and the CORS policy of the routes that declare none.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

	/**
	 * The request limits: the outermost filter, ahead of the event routes' (at
	 * {@link #EVENT_ROUTES_ORDER}).
	 */
	static final int LIMITS_ORDER = Ordered.HIGHEST_PRECEDENCE;

	/**
	 * The event routes' filter, which answers them ahead of every filter but the limits.
	 */
	public static final int EVENT_ROUTES_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

	/** Just behind the event routes' filter, ahead of every other. */
	static final int GUARD_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Bean
	FilterRegistrationBean<TrafficLimits> trafficLimits(LimitProperties properties, MeterRegistry registry) {
		FilterRegistrationBean<TrafficLimits> registration = new FilterRegistrationBean<>(
				new TrafficLimits(properties, registry));
		registration.setOrder(LIMITS_ORDER);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestGuard> requestGuard(UnexpectedErrors unexpectedErrors) {
		FilterRegistrationBean<RequestGuard> registration = new FilterRegistrationBean<>(
				new RequestGuard(unexpectedErrors));
		registration.setOrder(GUARD_ORDER);
		return registration;
	}

	/** Behind the guard, so that its errors too are answered in the API's error body. */
	@Bean
	FilterRegistrationBean<CrossOriginPolicy> crossOriginPolicy(CorsProperties properties,
			@Qualifier("mvcHandlerMappingIntrospector") CorsConfigurationSource routes) {
		FilterRegistrationBean<CrossOriginPolicy> registration = new FilterRegistrationBean<>(
				new CrossOriginPolicy(properties, routes));
		registration.setOrder(GUARD_ORDER + 1);
		return registration;
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
			}
		});
	}

}
