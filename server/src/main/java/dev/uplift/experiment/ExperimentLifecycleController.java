package dev.uplift.experiment;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.uplift.experiment.ExperimentLifecycle.StatusChange;
import dev.uplift.project.ProjectContext;
import dev.uplift.web.ApiTime;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Status, conclusion, distribution, share link and preview links of one experiment
 * (docs/mida-v2-api.md §4.2).
 */
@RestController
class ExperimentLifecycleController {

	private static final String PATH = "/v2/project/{project_key}/experiment/{test_id}";

	private final ExperimentService experiments;

	private final ExperimentLifecycle lifecycle;

	private final ShareLinkProperties properties;

	ExperimentLifecycleController(ExperimentService experiments, ExperimentLifecycle lifecycle,
			ShareLinkProperties properties) {
		this.experiments = experiments;
		this.lifecycle = lifecycle;
		this.properties = properties;
	}

	@PatchMapping(PATH + "/status")
	Map<String, Object> status(ProjectContext project, @PathVariable("test_id") String testId,
			@RequestBody JsonNode body) {
		long id = ExperimentController.testId(testId);
		ExperimentStatus target = ExperimentStatus.fromClient("status", JsonFields.of(body).integer("status"));
		StatusChange change = this.lifecycle.changeStatus(project, id, target);
		Map<String, Object> view = ExperimentViews.success();
		view.put("test_id", change.testId());
		view.put("status", change.status().code());
		view.put("previous_status", change.previousStatus().code());
		return view;
	}

	@PostMapping(PATH + "/conclude")
	Map<String, Object> conclude(ProjectContext project, @PathVariable("test_id") String testId) {
		Experiment concluded = this.lifecycle.conclude(project, ExperimentController.testId(testId));
		Map<String, Object> view = ExperimentViews.success();
		view.put("test_id", concluded.id());
		view.put("status", concluded.status().code());
		view.put("is_completed", 1);
		view.put("end_date", ApiTime.format(concluded.endedAt()));
		return view;
	}

	@GetMapping(PATH + "/distribution")
	Map<String, Object> distribution(ProjectContext project, @PathVariable("test_id") String testId) {
		return ExperimentViews.distribution(this.experiments.details(project, ExperimentController.testId(testId)));
	}

	@GetMapping(PATH + "/share-link")
	Map<String, Object> shareLink(ProjectContext project, @PathVariable("test_id") String testId) {
		return shareLink(project, this.experiments.get(project, ExperimentController.testId(testId)));
	}

	@PostMapping(PATH + "/share-link")
	Map<String, Object> share(ProjectContext project, @PathVariable("test_id") String testId) {
		return shareLink(project, this.lifecycle.share(project, ExperimentController.testId(testId)));
	}

	@DeleteMapping(PATH + "/share-link")
	Map<String, Object> unshare(ProjectContext project, @PathVariable("test_id") String testId) {
		return shareLink(project, this.lifecycle.unshare(project, ExperimentController.testId(testId)));
	}

	@GetMapping(PATH + "/preview-urls")
	Map<String, Object> previewUrls(ProjectContext project, @PathVariable("test_id") String testId) {
		ExperimentDetails details = this.experiments.details(project, ExperimentController.testId(testId));
		Experiment experiment = details.experiment();
		if (experiment.url() == null) {
			throw new ExperimentStateConflict(experiment.id(), "no page URL",
					"has no page URL: set 'url' with PATCH before asking for preview links");
		}
		Map<String, Object> view = ExperimentViews.success();
		view.put("test_id", experiment.id());
		view.put("test_name", experiment.name());
		view.put("page_url", experiment.url());
		view.put("variants", details.variants().stream().map((variant) -> {
			Map<String, Object> arm = new LinkedHashMap<>();
			arm.put("variant_id", variant.index());
			arm.put("name", variant.name());
			arm.put("nickname", variant.nickname());
			arm.put("preview_url", previewUrl(experiment, variant));
			return arm;
		}).toList());
		return view;
	}

	private Map<String, Object> shareLink(ProjectContext project, Experiment experiment) {
		Map<String, Object> view = ExperimentViews.success();
		view.put("test_id", experiment.id());
		view.put("company_id", project.organizationId());
		view.put("share_link", (experiment.shareToken() != null)
				? publicBaseUrl() + "/share/" + experiment.id() + "/" + experiment.shareToken() : null);
		view.put("is_public", experiment.shareToken() != null);
		return view;
	}

	/**
	 * The configured public base URL, or nothing: then the link is relative to Uplift's
	 * own origin. The request's Host header is never used, so that no client can make
	 * Uplift hand out links to another site.
	 */
	private String publicBaseUrl() {
		String configured = this.properties.publicBaseUrl();
		String base = (configured != null) ? configured.strip() : "";
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	// docs/mida-v2-api.md §4.2 (newer form): Control's token is 0, a treatment's is its
	// fixed name with '_' for spaces.
	private static String previewUrl(Experiment experiment, Variant variant) {
		String pageUrl = experiment.url();
		int hash = pageUrl.indexOf('#');
		String page = (hash < 0) ? pageUrl : pageUrl.substring(0, hash);
		String fragment = (hash < 0) ? "" : pageUrl.substring(hash);
		String token = (variant.index() == 0) ? "0" : variant.name().replace(' ', '_');
		return page + (page.contains("?") ? "&" : "?") + "test-preview=" + experiment.id() + "&test-variant="
				+ URLEncoder.encode(token, StandardCharsets.UTF_8) + fragment;
	}

}
