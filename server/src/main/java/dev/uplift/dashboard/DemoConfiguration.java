package dev.uplift.dashboard;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The demo's own origin and the filter that keeps the demo on it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "uplift.demo.enabled", matchIfMissing = true)
class DemoConfiguration {

	@Bean
	DemoOrigin demoOrigin(DemoProperties properties) {
		return new DemoOrigin(properties);
	}

	/**
	 * Ahead of every filter but the request limits and the event routes (which serve only
	 * tracking routes, taken on both origins).
	 */
	@Bean
	FilterRegistrationBean<DemoOriginFilter> demoOriginFilter(DemoOrigin origin) {
		FilterRegistrationBean<DemoOriginFilter> registration = new FilterRegistrationBean<>(
				new DemoOriginFilter(origin));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

}
