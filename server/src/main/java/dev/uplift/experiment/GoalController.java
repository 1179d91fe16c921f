package dev.uplift.experiment;

import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import tools.jackson.databind.JsonNode;

import dev.uplift.project.ProjectContext;
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

/** Goal profiles of a project in Mida's shapes (docs/mida-v2-api.md §4.7). */
@RestController
@Validated
class GoalController {

	private static final String PATH = "/v2/project/{project_key}/goal/{goal_profile_id}";

	private final GoalService goals;

	GoalController(GoalService goals) {
		this.goals = goals;
	}

	@GetMapping("/v2/project/{project_key}/goals")
	Map<String, Object> list(ProjectContext project,
			@RequestParam(defaultValue = "50") @Min(value = 1, message = "limit must be between 1 and 500") @Max(
					value = 500, message = "limit must be between 1 and 500") int limit,
			@RequestParam(defaultValue = "0") @PositiveOrZero(message = "offset must not be negative") int offset) {
		return ExperimentViews.page(project.organizationId(), "goals",
				this.goals.list(project, limit, offset).stream().map(ExperimentViews::goal).toList());
	}

	@PostMapping("/v2/project/{project_key}/goal")
	Map<String, Object> create(ProjectContext project, @RequestBody JsonNode body) {
		Goal goal = this.goals.create(project, GoalDraft.read(JsonFields.of(body)));
		Map<String, Object> view = ExperimentViews.success();
		view.put("goal_profile_id", goal.id());
		view.put("goal_key", goal.key());
		view.put("company_id", project.organizationId());
		return view;
	}

	@GetMapping(PATH)
	Map<String, Object> get(ProjectContext project, @PathVariable("goal_profile_id") String goalId) {
		Map<String, Object> view = ExperimentViews.success();
		view.put("goal", ExperimentViews.goal(this.goals.get(project, goalId(goalId))));
		return view;
	}

	@PatchMapping(PATH)
	Map<String, Object> update(ProjectContext project, @PathVariable("goal_profile_id") String goalId,
			@RequestBody JsonNode body) {
		long id = goalId(goalId);
		Goal goal = this.goals.update(project, id, GoalChanges.read(JsonFields.of(body)));
		Map<String, Object> view = ExperimentViews.success();
		view.put("goal_profile_id", goal.id());
		view.put("goal_key", goal.key());
		return view;
	}

	@DeleteMapping(PATH)
	Map<String, Object> delete(ProjectContext project, @PathVariable("goal_profile_id") String goalId) {
		Goal goal = this.goals.delete(project, goalId(goalId));
		Map<String, Object> view = ExperimentViews.success();
		view.put("goal_profile_id", goal.id());
		view.put("goal_key", goal.key());
		view.put("deleted", true);
		return view;
	}

	private static long goalId(String value) {
		return PathId.parse("goal_profile_id", value);
	}

}
