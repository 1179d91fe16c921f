package dev.uplift.dashboard;

import java.nio.charset.StandardCharsets;

import dev.uplift.experiment.ExperimentService;
import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.project.ProjectContext;
import dev.uplift.project.ProjectService;
import dev.uplift.results.ExperimentResult;
import dev.uplift.results.ResultResponse;
import dev.uplift.results.ResultQuery;
import dev.uplift.results.ResultService;
import dev.uplift.error.NotFound;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public, read-only results of an experiment whose share link is enabled (docs/api.md
 * §3): an HTML page and its JSON. A wrong or disabled token is a 404, the same as a
 * missing experiment (as an HTML page for the page, as JSON for the JSON).
 */
@RestController
class SharePageController {

	private static final Resource PAGE = new ClassPathResource("share/share.html");

	private static final Resource NOT_FOUND = new ClassPathResource("share/not-found.html");

	private final ExperimentService experiments;

	private final ProjectService projects;

	private final ResultService results;

	SharePageController(ExperimentService experiments, ProjectService projects, ResultService results) {
		this.experiments = experiments;
		this.projects = projects;
		this.results = results;
	}

	@GetMapping(path = "/share/{testId:\\d{1,18}}/{token:[A-Za-z0-9_-]{1,100}}.json",
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResultResponse json(@PathVariable long testId, @PathVariable String token) {
		return ResultResponse.of(result(testId, token));
	}

	/**
	 * The page: a static shell whose script (static/dashboard/share.js) reads the JSON
	 * twin and draws it with the dashboard's own verdict and charts; for a wrong or
	 * disabled token, a 404 page that says so in words.
	 */
	@GetMapping(path = "/share/{testId:\\d{1,18}}/{token:[A-Za-z0-9_-]{1,100}}")
	ResponseEntity<Resource> page(@PathVariable long testId, @PathVariable String token) {
		boolean shared = this.experiments.findShared(testId, token).isPresent();
		return ResponseEntity.status(shared ? HttpStatus.OK : HttpStatus.NOT_FOUND)
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.header("Cache-Control", "no-store")
			.header("X-Robots-Tag", "noindex")
			.body(shared ? PAGE : NOT_FOUND);
	}

	private ExperimentResult result(long testId, String token) {
		ExperimentSnapshot experiment = this.experiments.findShared(testId, token)
			.orElseThrow(() -> new NotFound("Shared result", testId));
		ProjectContext project = this.projects.findById(experiment.projectId())
			.orElseThrow(() -> new NotFound("Shared result", testId));
		return this.results.result(experiment, project.timeZone(), ResultQuery.ALL);
	}

}
