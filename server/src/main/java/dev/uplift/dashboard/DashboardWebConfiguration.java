package dev.uplift.dashboard;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the dashboard's security headers in front of {@code /dashboard} and everything below it. */
@Configuration(proxyBeanMethods = false)
class DashboardWebConfiguration {

	@Bean
	FilterRegistrationBean<DashboardHeaders> dashboardHeaders() {
		// The servlet pattern "/dashboard/*" also matches "/dashboard" itself.
		FilterRegistrationBean<DashboardHeaders> registration = new FilterRegistrationBean<>(new DashboardHeaders());
		registration.addUrlPatterns("/dashboard/*");
		return registration;
	}

}
