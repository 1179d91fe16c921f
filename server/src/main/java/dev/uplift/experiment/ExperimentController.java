package dev.uplift.experiment;

import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import tools.jackson.databind.JsonNode;

import dev.uplift.experiment.ExperimentAuthoring.CreatedExperiment;
import dev.uplift.project.ProjectContext;
import dev.uplift.error.InvalidInput;
import dev.uplift.web.PathId;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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

	ExperimentController(ExperimentService experiments, ExperimentAuthoring authoring, ExperimentLifecycle lifecycle,
			ExclusionGroupService exclusionGroups) {
		this.experiments = experiments;
		this.authoring = authoring;
		this.lifecycle = lifecycle;
		this.exclusionGroups = exclusionGroups;
	}

	@PostMapping("/v2/project/{project_key}/create-experiment")
	Map<String, Object> create(ProjectContext project, @RequestBody JsonNode body) {
		CreatedExperiment created = this.authoring.create(project, ExperimentDraft.read(JsonFields.of(body)));
		Map<String, Object> view = ExperimentViews.success();
		view.put("status", created.status().code());
		view.put("test_id", created.testId());
		view.put("company_id", project.organizationId());
		view.put("goal_profile_id", created.goalProfileId());
		view.put("secondary_goals_count", created.secondaryGoalsCount());
		view.put("warnings", created.warnings());
		return view;
	}

	@GetMapping("/v2/project/{project_key}/experiments")
	Map<String, Object> list(ProjectContext project,
			@RequestParam(defaultValue = "50") @Min(value = 1, message = "limit must be between 1 and 500") @Max(
					value = 500, message = "limit must be between 1 and 500") int limit,
			@RequestParam(defaultValue = "0") @PositiveOrZero(message = "offset must not be negative") int offset) {
		return ExperimentViews.page(project.organizationId(), "experiments",
				this.experiments.list(project, limit, offset).stream().map(ExperimentViews::listItem).toList());
	}

	@GetMapping("/v2/project/{project_key}/experiment/{test_id}")
	Map<String, Object> get(ProjectContext project, @PathVariable("test_id") String testId) {
		long id = testId(testId);
		Map<String, Object> experiment = ExperimentViews.details(this.experiments.details(project, id));
		experiment.put("exclusion_group",
				this.exclusionGroups.ofExperiment(project, id)
					.map((group) -> ExclusionGroupController.membership(group, id))
					.orElse(null));
		Map<String, Object> view = ExperimentViews.success();
		view.put("experiment", experiment);
		return view;
	}

	@PatchMapping("/v2/project/{project_key}/experiment/{test_id}")
	Map<String, Object> update(ProjectContext project, @PathVariable("test_id") String testId,
			@RequestBody JsonNode body) {
		long id = testId(testId);
		ExperimentChanges changes = ExperimentChanges.read(JsonFields.of(body));
		if (changes.isEmpty()) {
			throw new InvalidInput("Send at least one field to change: 'test_name', 'url', "
					+ "'page_urls', 'variants', 'control', 'custom_js', 'custom_css', 'configuration', "
					+ "'primary_goal_key' or 'secondary_goal_keys'");
		}
		this.authoring.update(project, id, changes);
		Map<String, Object> view = ExperimentViews.success();
		view.put("test_id", id);
		return view;
	}

	@DeleteMapping("/v2/project/{project_key}/experiment/{test_id}")
	Map<String, Object> delete(ProjectContext project, @PathVariable("test_id") String testId) {
		Experiment deleted = this.lifecycle.delete(project, testId(testId));
		Map<String, Object> view = ExperimentViews.success();
		view.put("test_id", deleted.id());
		view.put("test_name", deleted.name());
		view.put("deleted", true);
		view.put("was_live", deleted.status() == ExperimentStatus.LIVE);
		view.put("message", "Experiment deleted.");
		return view;
	}

	static long testId(String value) {
		return PathId.parse("test_id", value);
	}

}
