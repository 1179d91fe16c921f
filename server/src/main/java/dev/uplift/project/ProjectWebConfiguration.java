package dev.uplift.project;

import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.util.AntPathMatcher;
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

	/** The routes that take an API key, but for {@link #PUBLIC_ROUTES}. */
	private static final String GUARDED_ROUTES = "/v2/project/**";

	private static final String BEARER = "bearer";

	private static final String X_API_KEY = "x-api-key";

	private static final String API_KEY = "api-key";

	static {
		// Resolved from the API key, not sent as a parameter.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(ProjectContext.class, Caller.class);
	}

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

	/**
	 * Puts the API key on the document's operations that {@link #addInterceptors} guards:
	 * sent as a bearer token, in {@code x-api-key} or in {@code api-key}.
	 */
	@Bean
	@Order(0)
	OpenApiCustomizer apiKeySecurity() {
		return (openApi) -> {
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents()
				.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
				.addSecuritySchemes(X_API_KEY,
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name(X_API_KEY))
				.addSecuritySchemes(API_KEY,
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name(API_KEY));
			List<SecurityRequirement> anyKey = List.of(new SecurityRequirement().addList(BEARER),
					new SecurityRequirement().addList(X_API_KEY), new SecurityRequirement().addList(API_KEY));
			AntPathMatcher paths = new AntPathMatcher();
			openApi.getPaths().forEach((path, item) -> {
				if (paths.match(GUARDED_ROUTES, path)
						&& Arrays.stream(PUBLIC_ROUTES).noneMatch((open) -> paths.match(open, path))) {
					item.readOperations().forEach((operation) -> operation.setSecurity(anyKey));
				}
			});
		};
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.authentication).addPathPatterns(GUARDED_ROUTES).excludePathPatterns(PUBLIC_ROUTES);
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this.authentication);
	}

}
