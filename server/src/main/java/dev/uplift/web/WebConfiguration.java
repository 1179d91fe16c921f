package dev.uplift.web;

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
 * The API's error body everywhere (Tomcat's own error pages, whatever escapes the
 * servlets) and the CORS policy of the routes that declare none.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/** Just behind the event routes' filter, ahead of every other. */
	static final int GUARD_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

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
