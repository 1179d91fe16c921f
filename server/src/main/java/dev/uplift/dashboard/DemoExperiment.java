package dev.uplift.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.uplift.experiment.ExperimentAuthoring;
import dev.uplift.project.ProjectContext;
import dev.uplift.project.ProjectService;
import dev.uplift.error.UpliftException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives a bootstrap project that never had an experiment a live demo experiment on the
 * demo page, created through the same checks as the create-experiment API.
 */
@Component
@ConditionalOnBooleanProperty(name = "uplift.demo.enabled", matchIfMissing = true)
class DemoExperiment {

	private static final Logger logger = LoggerFactory.getLogger(DemoExperiment.class);

	static final String KEY = "demo-cta-colour";

	private final ProjectService projects;

	private final ExperimentAuthoring authoring;

	DemoExperiment(ProjectService projects, ExperimentAuthoring authoring) {
		this.projects = projects;
		this.authoring = authoring;
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
		this.projects.findBootstrap()
			.ifPresent((project) -> create(project).ifPresent((testId) -> logger
				.info("Created the demo experiment {}: open http://localhost:{}/demo, then read its result with "
						+ "curl -H 'Authorization: Bearer <api key>' http://localhost:{}/v2/project/{}/experiment/{}/result",
						testId, port, port, project.projectKey(), testId)));
	}

	/**
	 * Creates the demo experiment when the project never had an experiment; its test id,
	 * or empty.
	 */
	Optional<Long> create(ProjectContext project) {
		try {
			return this.authoring.createFirst(project, JsonMapper.shared().valueToTree(request()));
		}
		catch (UpliftException ex) {
			// Goals the user made with the demo's keys must not stop the server from
			// starting.
			logger.warn("Did not create the demo experiment: {}", ex.getMessage());
			return Optional.empty();
		}
	}

	private static Map<String, Object> request() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("test_name", "Demo: CTA colour");
		body.put("experiment_key", KEY);
		body.put("page_urls", List.of(Map.of("url", "/demo", "rule", "simple")));
		body.put("variants", List.of(Map.of("nickname", "Green button", "customCSS",
				".cta-button { background: #16a34a !important; border-color: #15803d !important; }")));
		body.put("primary_goal", goal("Demo: CTA click", "demo_cta_click", "clickOnElement", ".cta-button"));
		body.put("secondary_goals", List.of(goal("Demo: signup", "demo_signup", "formSubmit", "form#signup"),
				goal("Demo: thanks page", "demo_thanks", "pageview", "/demo/thanks")));
		body.put("status", 1);
		return body;
	}

	private static Map<String, Object> goal(String name, String key, String type, String value) {
		return Map.of("goal_name", name, "goal_key", key, "goal_type", type, "goal_value", value, "goal_purpose",
				"engage");
	}

}
