package dev.uplift.experiment;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.experiment.ExperimentViews.DistributionResponse;

import dev.uplift.experiment.ExperimentLifecycle.StatusChange;
import dev.uplift.project.ProjectContext;
import dev.uplift.web.ApiTime;
import dev.uplift.web.ErrorAnswer;
import jakarta.validation.Valid;

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
	@ErrorAnswer(status = 409, description = "A transition the experiment's status does not allow")
	StatusChanged status(ProjectContext project, @PathVariable("test_id") String testId,
			@RequestBody StatusRequest body) {
		long id = ExperimentController.testId(testId);
		ExperimentStatus target = ExperimentStatus.fromClient("status", body.status());
		StatusChange change = this.lifecycle.changeStatus(project, id, target);
		return new StatusChanged(true, change.testId(), change.status().code(), change.previousStatus().code());
	}

	@PostMapping(PATH + "/conclude")
	@ErrorAnswer(status = 409, description = "The experiment is a draft or already concluded")
	Concluded conclude(ProjectContext project, @PathVariable("test_id") String testId,
			@Valid @RequestBody(required = false) ConcludeRequest body) {
		ExperimentLifecycle.Concluded concluded = this.lifecycle.conclude(project, ExperimentController.testId(testId),
				(body != null) ? body : ConcludeRequest.EMPTY);
		Experiment experiment = concluded.experiment();
		return new Concluded(true, experiment.id(), experiment.status().code(), 1, ApiTime.format(experiment.endedAt()),
				concluded.conclusion().winnerVariantId(), concluded.conclusion().note());
	}

	@GetMapping(PATH + "/distribution")
	DistributionResponse distribution(ProjectContext project, @PathVariable("test_id") String testId) {
		return DistributionResponse.of(this.experiments.details(project, ExperimentController.testId(testId)));
	}

	@GetMapping(PATH + "/share-link")
	ShareLink shareLink(ProjectContext project, @PathVariable("test_id") String testId) {
		return shareLink(project, this.experiments.get(project, ExperimentController.testId(testId)));
	}

	@PostMapping(PATH + "/share-link")
	ShareLink share(ProjectContext project, @PathVariable("test_id") String testId) {
		return shareLink(project, this.lifecycle.share(project, ExperimentController.testId(testId)));
	}

	@DeleteMapping(PATH + "/share-link")
	ShareLink unshare(ProjectContext project, @PathVariable("test_id") String testId) {
		return shareLink(project, this.lifecycle.unshare(project, ExperimentController.testId(testId)));
	}

	@GetMapping(PATH + "/preview-urls")
	@ErrorAnswer(status = 409, description = "The experiment has no page URL to preview")
	PreviewLinks previewUrls(ProjectContext project, @PathVariable("test_id") String testId) {
		ExperimentDetails details = this.experiments.details(project, ExperimentController.testId(testId));
		Experiment experiment = details.experiment();
		if (experiment.url() == null) {
			throw new ExperimentStateConflict(experiment.id(), "no page URL",
					"has no page URL: set 'url' with PATCH before asking for preview links");
		}
		return new PreviewLinks(true, experiment.id(), experiment.name(), experiment.url(),
				details.variants()
					.stream()
					.map((variant) -> new PreviewLink(variant.index(), variant.name(), variant.nickname(),
							previewUrl(experiment, variant)))
					.toList());
	}

	private ShareLink shareLink(ProjectContext project, Experiment experiment) {
		return new ShareLink(true, experiment.id(), project.organizationId(),
				(experiment.shareToken() != null)
						? publicBaseUrl() + "/share/" + experiment.id() + "/" + experiment.shareToken() : null,
				experiment.shareToken() != null);
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

	/**
	 * Update Experiment Status.
	 *
	 * @param status 1 (live) or 0 (inactive); 9 (draft) only for a draft
	 */
	record StatusRequest(Integer status) {
	}

	/**
	 * A status change.
	 *
	 * @param success always true
	 * @param testId the experiment
	 * @param status its new status code
	 * @param previousStatus its status code before
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record StatusChanged(boolean success, long testId, int status, int previousStatus) {
	}

	/**
	 * A concluded experiment.
	 *
	 * @param success always true
	 * @param testId the experiment
	 * @param status its status code, paused
	 * @param isCompleted always 1
	 * @param endDate the conclusion time
	 * @param winnerVariantId the arm chosen as the winner, or null
	 * @param note the note on the decision, or null
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record Concluded(boolean success, long testId, int status, int isCompleted, String endDate, Integer winnerVariantId,
			String note) {
	}

	/**
	 * The public share link of a result.
	 *
	 * @param success always true
	 * @param testId the experiment
	 * @param companyId the organization
	 * @param shareLink the link, or null when the result is not shared
	 * @param isPublic whether the result is shared
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ShareLink(boolean success, long testId, long companyId, String shareLink, boolean isPublic) {
	}

	/**
	 * Links that show each arm on the experiment's page.
	 *
	 * @param success always true
	 * @param testId the experiment
	 * @param testName its name
	 * @param pageUrl its editor URL
	 * @param variants one link per arm, Control first
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record PreviewLinks(boolean success, long testId, String testName, String pageUrl, List<PreviewLink> variants) {
	}

	/**
	 * The preview link of one arm.
	 *
	 * @param variantId its index
	 * @param name its fixed name
	 * @param nickname its label, or null
	 * @param previewUrl the page with the preview parameters
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record PreviewLink(int variantId, String name, String nickname, String previewUrl) {
	}

}
