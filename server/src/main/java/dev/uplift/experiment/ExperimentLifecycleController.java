package dev.uplift.experiment;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.experiment.ExperimentViews.DistributionResponse;

import dev.uplift.error.InvalidInput;
import dev.uplift.experiment.ExperimentLifecycle.StatusChange;
import dev.uplift.experiment.ExperimentSnapshot.Serving;
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
 * Status, conclusion, serving the winner, distribution, share link and preview links of
 * one experiment (docs/mida-v2-api.md §4.2).
 */
@RestController
class ExperimentLifecycleController {

	private static final String PATH = "/v2/project/{project_key}/experiment/{test_id}";

	// Arm indexes as results write them; at most 12 treatments, so a few digits.
	private static final Pattern VARIANT_ID = Pattern.compile("0|[1-9][0-9]{0,3}");

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

	@PostMapping(PATH + "/serve-winner")
	@ErrorAnswer(status = 409, description = "The experiment is a draft or serves a winner already")
	ServingStarted serveWinner(ProjectContext project, @PathVariable("test_id") String testId,
			@RequestBody ServeRequest body) {
		long id = ExperimentController.testId(testId);
		Serving serving = this.lifecycle.serve(project, id, body.variant(), rollout(body.trafficAllocation(), false));
		return new ServingStarted(true, id, Integer.toString(serving.variant()),
				ExperimentViews.number(serving.rollout()), true, "Variant " + serving.variant() + " is now served to "
						+ ExperimentViews.number(serving.rollout()) + "% of eligible visitors.");
	}

	@PatchMapping(PATH + "/serving-rollout")
	@ErrorAnswer(status = 409, description = "The experiment serves no winner")
	RolloutChanged servingRollout(ProjectContext project, @PathVariable("test_id") String testId,
			@RequestBody RolloutRequest body) {
		long id = ExperimentController.testId(testId);
		Serving serving = this.lifecycle.changeRollout(project, id, rollout(body.trafficAllocation(), true));
		return new RolloutChanged(true, id, ExperimentViews.number(serving.rollout()), true,
				"Serving rollout percentage updated.");
	}

	@PostMapping(PATH + "/stop-serving")
	@ErrorAnswer(status = 409, description = "The experiment serves no winner")
	ServingStopped stopServing(ProjectContext project, @PathVariable("test_id") String testId) {
		long id = ExperimentController.testId(testId);
		this.lifecycle.stopServing(project, id);
		return new ServingStopped(true, id, null, false,
				"Serving stopped: the experiment splits its visitors as configured again.");
	}

	// Mida's rollout: a percentage of eligible visitors, 0 to 100.
	private static Double rollout(Double value, boolean required) {
		if (value == null) {
			if (required) {
				throw new InvalidInput("traffic_allocation", "traffic_allocation is required: a number from 0 to 100");
			}
			return null;
		}
		if (!(value >= 0 && value <= 100)) {
			throw new InvalidInput("traffic_allocation",
					"traffic_allocation must be a number from 0 to 100, got " + value);
		}
		return value;
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
	// fixed name with '_' for spaces; a split-URL treatment's page is its redirect.
	private static String previewUrl(Experiment experiment, Variant variant) {
		String pageUrl = Redirect.of(experiment.testType(), variant.index(), variant.data())
			.map((redirect) -> redirect.from(experiment.url()))
			.orElse(experiment.url());
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
	 * Serve Experiment Winner.
	 *
	 * @param variantId the arm to serve, {@code "0"} for Control, as in results
	 * @param servingVariantId alias of {@code variant_id}
	 * @param trafficAllocation percent of eligible visitors who get it, 0 to 100; the
	 * experiment's traffic allocation when absent
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ServeRequest(@JsonDeserialize(using = TextOrNumber.class) String variantId,
			@JsonDeserialize(using = TextOrNumber.class) String servingVariantId, Double trafficAllocation) {

		/** The arm asked for, validated: a 400 naming the field otherwise. */
		int variant() {
			if (this.variantId != null && this.servingVariantId != null
					&& !this.variantId.equals(this.servingVariantId)) {
				throw new InvalidInput("serving_variant_id",
						"variant_id and its alias serving_variant_id name different variants");
			}
			String given = (this.variantId != null) ? this.variantId : this.servingVariantId;
			String field = (this.variantId != null) ? "variant_id" : "serving_variant_id";
			if (given == null) {
				throw new InvalidInput("variant_id",
						"variant_id is required: \"0\" for Control, \"1\" for Variant 1, ...");
			}
			if (!VARIANT_ID.matcher(given).matches()) {
				throw new InvalidInput(field, field + " must be a variant index such as \"1\", got '" + given + "'");
			}
			return Integer.parseInt(given);
		}

	}

	/**
	 * Update Serving Rollout.
	 *
	 * @param trafficAllocation percent of eligible visitors who get the served winner, 0
	 * to 100
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record RolloutRequest(Double trafficAllocation) {
	}

	/**
	 * A winner now served.
	 *
	 * @param success always true
	 * @param testId the experiment
	 * @param servingVariantId the arm served
	 * @param trafficAllocation percent of eligible visitors who get it
	 * @param isServing always true
	 * @param message what happened
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ServingStarted(boolean success, long testId, String servingVariantId, Number trafficAllocation,
			boolean isServing, String message) {
	}

	/**
	 * A served winner's new rollout.
	 *
	 * @param success always true
	 * @param testId the experiment
	 * @param trafficAllocation percent of eligible visitors who get the winner
	 * @param isServing always true
	 * @param message what happened
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record RolloutChanged(boolean success, long testId, Number trafficAllocation, boolean isServing, String message) {
	}

	/**
	 * Serving stopped.
	 *
	 * @param success always true
	 * @param testId the experiment
	 * @param servingVariantId always null
	 * @param isServing always false
	 * @param message what happened
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ServingStopped(boolean success, long testId, String servingVariantId, boolean isServing, String message) {
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
