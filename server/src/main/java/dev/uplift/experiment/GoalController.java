package dev.uplift.experiment;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.experiment.ExperimentViews.GoalView;

import dev.uplift.project.ProjectContext;
import dev.uplift.web.ErrorAnswer;
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
	GoalPage list(ProjectContext project,
			@RequestParam(defaultValue = "50") @Min(value = 1, message = "limit must be between 1 and 500") @Max(
					value = 500, message = "limit must be between 1 and 500") int limit,
			@RequestParam(defaultValue = "0") @PositiveOrZero(message = "offset must not be negative") int offset) {
		List<GoalView> page = this.goals.list(project, limit, offset).stream().map(GoalView::of).toList();
		return new GoalPage(true, project.organizationId(), page.size(), page);
	}

	@PostMapping("/v2/project/{project_key}/goal")
	@ErrorAnswer(status = 406, description = "A goal with this goal_key already exists")
	GoalCreated create(ProjectContext project, @Valid @RequestBody GoalRequest body) {
		Goal goal = this.goals.create(project, body.draft(""));
		return new GoalCreated(true, goal.id(), goal.key(), project.organizationId());
	}

	@GetMapping(PATH)
	GoalResponse get(ProjectContext project, @PathVariable("goal_profile_id") String goalId) {
		return new GoalResponse(true, GoalView.of(this.goals.get(project, goalId(goalId))));
	}

	@PatchMapping(PATH)
	@ErrorAnswer(status = 406, description = "Another goal has this goal_key")
	GoalUpdated update(ProjectContext project, @PathVariable("goal_profile_id") String goalId,
			@Valid @RequestBody GoalRequest body) {
		long id = goalId(goalId);
		Goal goal = this.goals.update(project, id, body.changes());
		return new GoalUpdated(true, goal.id(), goal.key());
	}

	@DeleteMapping(PATH)
	GoalDeleted delete(ProjectContext project, @PathVariable("goal_profile_id") String goalId) {
		Goal goal = this.goals.delete(project, goalId(goalId));
		return new GoalDeleted(true, goal.id(), goal.key(), true);
	}

	private static long goalId(String value) {
		return PathId.parse("goal_profile_id", value);
	}

	/**
	 * A page of the project's goals.
	 *
	 * @param success always true
	 * @param companyId the organization
	 * @param count goals on this page
	 * @param goals the page
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record GoalPage(boolean success, long companyId, int count, List<GoalView> goals) {
	}

	/**
	 * A created goal.
	 *
	 * @param success always true
	 * @param goalProfileId its id
	 * @param goalKey its key
	 * @param companyId the organization
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record GoalCreated(boolean success, long goalProfileId, String goalKey, long companyId) {
	}

	/**
	 * Get Goal Details.
	 *
	 * @param success always true
	 * @param goal the goal
	 */
	record GoalResponse(boolean success, GoalView goal) {
	}

	/**
	 * An updated goal.
	 *
	 * @param success always true
	 * @param goalProfileId its id
	 * @param goalKey its key after the change
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record GoalUpdated(boolean success, long goalProfileId, String goalKey) {
	}

	/**
	 * A deleted goal.
	 *
	 * @param success always true
	 * @param goalProfileId its id
	 * @param goalKey its key, free for a new goal
	 * @param deleted always true
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record GoalDeleted(boolean success, long goalProfileId, String goalKey, boolean deleted) {
	}

}
