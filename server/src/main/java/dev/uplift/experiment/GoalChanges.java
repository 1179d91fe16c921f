package dev.uplift.experiment;

import dev.uplift.error.InvalidInput;

/** The fields of a goal update; null leaves a field as it is. */
record GoalChanges(String name, String type, String value, String key, String purpose, String elementUrl) {

	/** Reads a partial goal; an empty body is a 400. */
	static GoalChanges read(JsonFields body) {
		GoalChanges changes = new GoalChanges(body.text("goal_name", GoalDraft.MAX_NAME_LENGTH),
				body.text("goal_type", 32), body.textOrNumber("goal_value", GoalDraft.MAX_VALUE_LENGTH),
				body.text("goal_key", Slugs.MAX_LENGTH), body.text("goal_purpose", 16),
				body.text("element_url", GoalDraft.MAX_VALUE_LENGTH));
		if (changes.equals(new GoalChanges(null, null, null, null, null, null))) {
			throw new InvalidInput("Send at least one of 'goal_name', 'goal_type', 'goal_value', "
					+ "'goal_key', 'goal_purpose' or 'element_url'");
		}
		return changes;
	}

	/**
	 * The goal after these changes, checked as a whole: a new type must fit the value,
	 * and the reverse.
	 */
	GoalDraft applyTo(Goal goal) {
		GoalType type = GoalType.of("goal_type", orElse(this.type, goal.type()));
		String value = orElse(this.value, goal.value());
		type.requireValid("goal_value", value);
		return new GoalDraft(orElse(this.name, goal.name()), type, value, orElse(this.key, goal.key()),
				orElse(this.purpose, goal.purpose()), orElse(this.elementUrl, goal.elementUrl()));
	}

	private static String orElse(String value, String fallback) {
		return (value != null) ? value : fallback;
	}

}
