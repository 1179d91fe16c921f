package dev.uplift.project;

/**
 * A project's default primary goal: results fall back to it when an experiment has no
 * primary goal (docs/api.md §2).
 *
 * @param goalId its {@code goal_profile_id}
 * @param goalKey its key
 * @param goalName name
 * @param goalType type
 * @param goalValue the value matched (URL, selector, event name)
 */
public record DefaultGoal(long goalId, String goalKey, String goalName, String goalType, String goalValue) {
}
