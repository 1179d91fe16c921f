package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.List;

import dev.uplift.error.InvalidInput;

/**
 * A create-experiment request, checked (docs/mida-v2-api.md §4.2, docs/api.md §3).
 *
 * @param fields the fields that create shares with update
 * @param key {@code experiment_key}, or null for the test id
 * @param status initial status
 * @param primaryGoal inline {@code primary_goal}, or null
 * @param secondaryGoals inline {@code secondary_goals}
 */
record ExperimentDraft(ExperimentChanges fields, String key, ExperimentStatus status, GoalDraft primaryGoal,
		List<GoalDraft> secondaryGoals) {

	ExperimentDraft {
		secondaryGoals = List.copyOf(secondaryGoals);
		if (fields.name() == null) {
			throw new InvalidInput("'test_name' is required");
		}
		if (fields.variants() == null) {
			throw new InvalidInput("'variants' is required: an array of 1 to 20 treatments (Control is added)");
		}
		if (fields.url() == null && (fields.pageRules() == null || fields.pageRules().isEmpty())) {
			throw new InvalidInput("'url' is required unless 'page_urls' lists the pages");
		}
		if (primaryGoal != null && fields.primaryGoalKey() != null) {
			throw new InvalidInput("Send either 'primary_goal' or 'primary_goal_key', not both");
		}
		fields.requireWeightsFor(fields.variants().size() + 1);
	}

	/** The arms to create: Control, then the treatments, weighted as sent or equally. */
	List<Variant> arms() {
		List<VariantDraft> drafts = new ArrayList<>();
		drafts.add((this.fields.control() != null) ? this.fields.control() : new VariantDraft(null, null, null, null));
		drafts.addAll(this.fields.variants());
		List<Variant> arms = new ArrayList<>();
		for (int i = 0; i < drafts.size(); i++) {
			double weight = (this.fields.weights() != null) ? this.fields.weights().get(i) : 1;
			arms.add(drafts.get(i).create(i, weight));
		}
		return arms;
	}

}
