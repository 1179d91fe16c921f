package dev.uplift.dashboard;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the security headers of each kind of HTML page in front of its paths. */
@Configuration(proxyBeanMethods = false)
class DashboardWebConfiguration {

	@Bean
	FilterRegistrationBean<PageHeaders> dashboardHeaders() {
		// The servlet pattern "/dashboard/*" also matches "/dashboard" itself.
		return headers(PageHeaders.DASHBOARD, "/dashboard/*");
	}

	@Bean
	FilterRegistrationBean<PageHeaders> shareHeaders() {
		return headers(PageHeaders.SHARE, "/share/*");
	}

	@Bean
	FilterRegistrationBean<PageHeaders> demoHeaders() {
		return headers(PageHeaders.DEMO, "/demo/*");
	}

	@Bean
	FilterRegistrationBean<PageHeaders> docsHeaders() {
		// Swagger UI: /docs redirects to the webjar's page under /swagger-ui/.
		return headers(PageHeaders.DOCS, "/docs", "/docs/*", "/swagger-ui/*");
	}

	private static FilterRegistrationBean<PageHeaders> headers(String contentSecurityPolicy, String... urlPatterns) {
		FilterRegistrationBean<PageHeaders> registration = new FilterRegistrationBean<>(
				new PageHeaders(contentSecurityPolicy));
		registration.addUrlPatterns(urlPatterns);
		return registration;
	}

}
