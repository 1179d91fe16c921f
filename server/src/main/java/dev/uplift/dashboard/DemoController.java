package dev.uplift.dashboard;

import java.nio.charset.StandardCharsets;

import dev.uplift.experiment.ExperimentService;
import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.project.ProjectContext;
import dev.uplift.project.ProjectService;
import dev.uplift.error.NotFound;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo site of the bootstrap project ({@code GET /demo}), unless
 * {@code uplift.demo.enabled} is false.
 */
@RestController
@ConditionalOnBooleanProperty(name = "uplift.demo.enabled", matchIfMissing = true)
class DemoController {

	private final ProjectService projects;

	private final ExperimentService experiments;

	DemoController(ProjectService projects, ExperimentService experiments) {
		this.projects = projects;
		this.experiments = experiments;
	}

	@GetMapping("/demo")
	ResponseEntity<String> landing() {
		ProjectContext project = project();
		long testId = this.experiments.findByKey(project.id(), DemoExperiment.KEY)
			.map(ExperimentSnapshot::testId)
			.orElse(0L);
		return html(DemoPage.landing(project.projectKey(), testId));
	}

	@GetMapping("/demo/thanks")
	ResponseEntity<String> thanks() {
		return html(DemoPage.thanks(project().projectKey()));
	}

	private ProjectContext project() {
		return this.projects.findBootstrap().orElseThrow(() -> new NotFound("Project", "bootstrap"));
	}

	private static ResponseEntity<String> html(String page) {
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.header("Cache-Control", "no-store")
			.body(page);
	}

}
