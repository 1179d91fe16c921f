package dev.uplift.project;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the first start of an empty database creates (docs/api.md §1).
 *
 * @param apiKey the initial API key (at least 32 characters); blank for a random one
 * @param projectKey the initial project key (22 characters of [A-Za-z0-9]); blank for a
 * random one
 * @param organizationName name of the initial organization
 * @param websiteName name of the initial project
 */
@ConfigurationProperties("uplift.bootstrap")
record BootstrapProperties(@DefaultValue("") String apiKey, @DefaultValue("") String projectKey,
		@DefaultValue("My organization") String organizationName, @DefaultValue("My website") String websiteName) {

	BootstrapProperties {
		if (!apiKey.isBlank() && apiKey.strip().length() < Keys.MIN_API_KEY_LENGTH) {
			throw new IllegalArgumentException(
					"UPLIFT_BOOTSTRAP_API_KEY must have at least " + Keys.MIN_API_KEY_LENGTH + " characters");
		}
		if (!projectKey.isBlank() && !Keys.isProjectKey(projectKey.strip())) {
			throw new IllegalArgumentException("UPLIFT_BOOTSTRAP_PROJECT_KEY must be 22 characters of [A-Za-z0-9]");
		}
	}

}
