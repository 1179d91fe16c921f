package dev.uplift.dashboard;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.uplift.experiment.ExperimentAuthoring;
import dev.uplift.experiment.NewExperiment;
import dev.uplift.experiment.NewExperiment.Goal;
import dev.uplift.experiment.NewExperiment.Treatment;
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
			return this.authoring.createFirst(project, experiment());
		}
		catch (UpliftException ex) {
			// Goals the user made with the demo's keys must not stop the server from
			// starting.
			logger.warn("Did not create the demo experiment: {}", ex.getMessage());
			return Optional.empty();
		}
	}

	private static NewExperiment experiment() {
		return new NewExperiment("Demo: CTA colour", KEY, "/demo",
				List.of(new Treatment("Green button",
						".cta-button { background: #16a34a !important; border-color: #15803d !important; }")),
				new Goal("Demo: CTA click", "demo_cta_click", "clickOnElement", ".cta-button"),
				List.of(new Goal("Demo: signup", "demo_signup", "formSubmit", "form#signup"),
						new Goal("Demo: thanks page", "demo_thanks", "pageview", "/demo/thanks")),
				true);
	}

}
