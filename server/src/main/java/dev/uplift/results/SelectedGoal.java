package dev.uplift.results;

import dev.uplift.experiment.ExperimentSnapshot.GoalSnapshot;

/**
 * The goal a result or chart counts, and why that one.
 *
 * @param goal the goal
 * @param source how it was chosen
 */
public record SelectedGoal(GoalSnapshot goal, Source source) {

	/** How the goal was chosen (docs/api.md §2). */
	public enum Source {

		/** Named by {@code goal_key} or {@code goal_profile_id}. */
		QUERY("query"),

		/** The experiment's primary goal. */
		EXPERIMENT("experiment"),

		/**
		 * The project's default primary goal, the experiment having none: Mida's
		 * {@code global_default}.
		 */
		GLOBAL_DEFAULT("global_default");

		private final String apiName;

		Source(String apiName) {
			this.apiName = apiName;
		}

		public String apiName() {
			return this.apiName;
		}

	}

}
