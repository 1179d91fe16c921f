package dev.uplift.project;

import java.util.List;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts API-key authorisation in front of the control plane; the tracking routes stay
 * public (docs/api.md §4).
 */
@Configuration(proxyBeanMethods = false)
class ProjectWebConfiguration implements WebMvcConfigurer {

	/** Routes under {@code /v2/project/{project_key}} that take no API key. */
	static final String[] PUBLIC_ROUTES = { "/v2/project/*/collect", "/v2/project/*/client-config" };

	private final ProjectAuthentication authentication;

	ProjectWebConfiguration(ProjectService projects) {
		this.authentication = new ProjectAuthentication(projects);
	}

	/** Actuator's metrics for the operator's API keys only; health stays public. */
	@Bean
	FilterRegistrationBean<MetricsAccess> metricsAccess(ProjectService projects) {
		FilterRegistrationBean<MetricsAccess> registration = new FilterRegistrationBean<>(new MetricsAccess(projects));
		registration.addUrlPatterns(MetricsAccess.URL_PATTERNS);
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.authentication)
			.addPathPatterns("/v2/project/**")
			.excludePathPatterns(PUBLIC_ROUTES);
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this.authentication);
	}

}
