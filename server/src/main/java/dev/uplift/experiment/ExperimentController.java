package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.experiment.ExperimentAuthoring.CreatedExperiment;
import dev.uplift.experiment.ExperimentSnapshot.Serving;
import dev.uplift.experiment.ExperimentViews.ExperimentSummary;
import dev.uplift.experiment.ExperimentViews.ExperimentView;
import dev.uplift.experiment.ExperimentViews.GroupMembership;
import dev.uplift.project.ProjectContext;
import dev.uplift.error.InvalidInput;
import dev.uplift.web.ErrorAnswer;
import dev.uplift.web.PathId;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Create, list, read, update and delete experiments in Mida's shapes (docs/mida-v2-api.md
 * §4.2).
 */
@RestController
@Validated
class ExperimentController {

	private final ExperimentService experiments;

	private final ExperimentAuthoring authoring;

	private final ExperimentLifecycle lifecycle;

	private final ExclusionGroupService exclusionGroups;

	private final ExperimentSchedules schedules;

	ExperimentController(ExperimentService experiments, ExperimentAuthoring authoring, ExperimentLifecycle lifecycle,
			ExclusionGroupService exclusionGroups, ExperimentSchedules schedules) {
		this.experiments = experiments;
		this.authoring = authoring;
		this.lifecycle = lifecycle;
		this.exclusionGroups = exclusionGroups;
		this.schedules = schedules;
	}

	@PostMapping("/v2/project/{project_key}/create-experiment")
	@ErrorAnswer(status = 406, description = "An experiment with this experiment_key already exists")
	@ErrorAnswer(status = 409, description = "The idempotency key was used in the last 24 hours with another request")
	ExperimentCreated create(ProjectContext project, @Valid @RequestBody ExperimentRequest body,
			@RequestHeader(name = "x-idempotency-key", required = false) String idempotencyKey) {
		CreatedExperiment created = this.authoring.create(project, body.draft(),
				IdempotencyKey.of(body, idempotencyKey));
		List<String> warnings = new ArrayList<>(created.warnings());
		warnings.addAll(body.warnings());
		return new ExperimentCreated(true, created.status().code(), created.testId(), project.organizationId(),
				created.goalProfileId(), created.secondaryGoalsCount(), warnings);
	}

	@GetMapping("/v2/project/{project_key}/experiments")
	ExperimentPage list(ProjectContext project,
			@RequestParam(defaultValue = "50") @Min(value = 1, message = "limit must be between 1 and 500") @Max(
					value = 500, message = "limit must be between 1 and 500") int limit,
			@RequestParam(defaultValue = "0") @PositiveOrZero(message = "offset must not be negative") int offset) {
		List<Experiment> found = this.experiments.list(project, limit, offset);
		Map<Long, Serving> serving = this.experiments.servingNow(found.stream().map(Experiment::id).toList());
		List<ExperimentSummary> page = found.stream()
			.map((experiment) -> ExperimentSummary.of(experiment, serving.get(experiment.id())))
			.toList();
		return new ExperimentPage(true, project.organizationId(), page.size(), page);
	}

	@GetMapping("/v2/project/{project_key}/experiment/{test_id}")
	ExperimentDetailsResponse get(ProjectContext project, @PathVariable("test_id") String testId) {
		long id = testId(testId);
		return new ExperimentDetailsResponse(true,
				ExperimentView.of(this.experiments.details(project, id),
						this.exclusionGroups.ofExperiment(project, id)
							.map((group) -> GroupMembership.of(group, id))
							.orElse(null),
						this.schedules.find(id), this.lifecycle.conclusion(id)));
	}

	@PatchMapping("/v2/project/{project_key}/experiment/{test_id}")
	@ErrorAnswer(status = 409,
			description = "A change the experiment's state forbids, such as a new hash_seed once it has data")
	ExperimentUpdated update(ProjectContext project, @PathVariable("test_id") String testId,
			@Valid @RequestBody ExperimentRequest body) {
		long id = testId(testId);
		ExperimentChanges changes = body.updateChanges();
		if (changes.isEmpty()) {
			throw new InvalidInput("Send at least one field to change: 'test_name', 'url', "
					+ "'page_urls', 'variants', 'control', 'custom_js', 'custom_css', 'configuration', "
					+ "'primary_goal_key' or 'secondary_goal_keys'");
		}
		this.authoring.update(project, id, changes);
		return new ExperimentUpdated(true, id, body.warnings());
	}

	@DeleteMapping("/v2/project/{project_key}/experiment/{test_id}")
	ExperimentDeleted delete(ProjectContext project, @PathVariable("test_id") String testId) {
		Experiment deleted = this.lifecycle.delete(project, testId(testId));
		return new ExperimentDeleted(true, deleted.id(), deleted.name(), true,
				deleted.status() == ExperimentStatus.LIVE, "Experiment deleted.");
	}

	static long testId(String value) {
		return PathId.parse("test_id", value);
	}

	/**
	 * A created experiment.
	 *
	 * @param success always true
	 * @param status its status code
	 * @param testId its id
	 * @param companyId the organization
	 * @param goalProfileId its primary goal, or null
	 * @param secondaryGoalsCount how many secondary goals it has
	 * @param warnings what the request left out that the experiment will need
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ExperimentCreated(boolean success, int status, long testId, long companyId, Long goalProfileId,
			int secondaryGoalsCount, List<String> warnings) {
	}

	/**
	 * A page of the project's experiments.
	 *
	 * @param success always true
	 * @param companyId the organization
	 * @param count experiments on this page
	 * @param experiments the page
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ExperimentPage(boolean success, long companyId, int count, List<ExperimentSummary> experiments) {
	}

	/**
	 * Get Experiment Details.
	 *
	 * @param success always true
	 * @param experiment the experiment
	 */
	record ExperimentDetailsResponse(boolean success, ExperimentView experiment) {
	}

	/**
	 * An updated experiment.
	 *
	 * @param success always true
	 * @param testId its id
	 * @param warnings fields sent that Uplift does not read
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ExperimentUpdated(boolean success, long testId, List<String> warnings) {
	}

	/**
	 * A deleted experiment.
	 *
	 * @param success always true
	 * @param testId its id
	 * @param testName its name
	 * @param deleted always true
	 * @param wasLive whether it was live when deleted
	 * @param message what happened, for people
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ExperimentDeleted(boolean success, long testId, String testName, boolean deleted, boolean wasLive,
			String message) {
	}

}
