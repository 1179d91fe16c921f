package dev.uplift.tracking;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The public tracking routes answer browsers of any origin (api.md §4). */
@Configuration(proxyBeanMethods = false)
class TrackingWebConfiguration implements WebMvcConfigurer {

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		for (String route : new String[] { "/v2/project/*/collect", "/v2/project/*/client-config",
				"/experiment/query", "/experiment/event" }) {
			registry.addMapping(route).allowedOriginPatterns("*").allowedMethods("GET", "POST", "OPTIONS").maxAge(86400);
		}
	}

}
