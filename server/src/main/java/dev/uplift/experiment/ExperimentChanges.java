package dev.uplift.experiment;

import java.util.List;

import dev.uplift.experiment.Settings.SettingsChanges;
import dev.uplift.error.InvalidInput;

/**
 * The fields of an experiment that both create and update read; null means not sent.
 *
 * @param name {@code test_name}
 * @param url editor URL
 * @param pageRules {@code page_urls}
 * @param variants treatments, in order
 * @param control the Control arm's nickname and code
 * @param customJs experiment-wide {@code custom_js}
 * @param customCss experiment-wide {@code custom_css}
 * @param settings {@code configuration} and its top-level aliases
 * @param weights {@code configuration.weights}, Control first
 * @param primaryGoalKey {@code primary_goal_key}
 * @param secondaryGoalKeys {@code secondary_goal_keys}
 * @param hashSeed {@code hash_seed}
 * @param targeting {@code targeting}, replacing the audience rules whole
 * @param schedule the {@code configuration} dates and completion rules
 * @param testType {@code test_type}
 */
record ExperimentChanges(String name, String url, PageRules pageRules, List<VariantDraft> variants,
		VariantDraft control, String customJs, String customCss, SettingsChanges settings, List<Double> weights,
		String primaryGoalKey, List<String> secondaryGoalKeys, String hashSeed, Targeting targeting,
		ScheduleChanges schedule, TestType testType) {

	static final int MAX_VARIANTS = 20;

	static final int MAX_NAME_LENGTH = 500;

	static final int MAX_GOALS = 50;

	// Keeps sums of weights finite and readable; only ratios matter.
	static final double MAX_WEIGHT = 1_000_000;

	boolean isEmpty() {
		return equals(new ExperimentChanges(null, null, null, null, null, null, null, SettingsChanges.NONE, null, null,
				null, null, null, ScheduleChanges.NONE, null));
	}

	/**
	 * Whether the arms' changes may now break a rule of {@link ArmChanges}: an arm, the
	 * pages or the type is sent.
	 */
	boolean touchesArms() {
		return this.variants != null || this.control != null || this.pageRules != null || this.url != null
				|| this.testType != null;
	}

	/** Checks that the weights, if sent, give one number to each of this many arms. */
	void requireWeightsFor(int arms) {
		if (this.weights != null && this.weights.size() != arms) {
			throw new InvalidInput("'configuration.weights' must have " + arms
					+ " numbers, one per arm with Control first; it has " + this.weights.size());
		}
	}

}
