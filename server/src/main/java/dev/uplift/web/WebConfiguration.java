package dev.uplift.web;

import org.apache.catalina.core.StandardHost;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The API's error body everywhere: Tomcat's own error pages and whatever escapes the servlets. */
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

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
			}
		});
	}

}
