package dev.uplift.experiment;

/** The fields of a goal update; null leaves a field as it is. */
record GoalChanges(String name, String type, String value, String key, String purpose, String elementUrl) {

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
