package dev.uplift.experiment;

import jakarta.validation.constraints.Size;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.error.InvalidInput;

/**
 * A goal as create-goal, update-goal and the inline goals of create-experiment send it
 * (docs/mida-v2-api.md §4.7); null means not sent.
 *
 * @param goalName its name, required on create
 * @param goalType its type, required on create
 * @param goalValue the value it matches, required on create; a number is read as written
 * @param goalKey its key, or null to generate one from the name
 * @param goalPurpose {@code sell} (the default), {@code engage} or {@code generate}
 * @param elementUrl the page of its element or form
 */
@JsonNaming(SnakeCaseStrategy.class)
record GoalRequest(@Size(max = GoalDraft.MAX_NAME_LENGTH, message = MAX_LENGTH) String goalName,
		@Size(max = GoalRequest.MAX_TYPE_LENGTH, message = MAX_LENGTH) String goalType,
		@JsonDeserialize(using = TextOrNumber.class) @Size(max = GoalDraft.MAX_VALUE_LENGTH,
				message = MAX_LENGTH) String goalValue,
		@Size(max = Slugs.MAX_LENGTH, message = MAX_LENGTH) String goalKey,
		@Size(max = 16, message = "must be one of sell, engage, generate") String goalPurpose,
		@Size(max = GoalDraft.MAX_VALUE_LENGTH, message = MAX_LENGTH) String elementUrl) {

	static final String MAX_LENGTH = "must have at most {max} characters";

	static final int MAX_TYPE_LENGTH = 32;

	/**
	 * The goal to create, checked; {@code path} prefixes the field names of errors
	 * ({@code "secondary_goals[0]."} for an inline goal).
	 */
	GoalDraft draft(String path) {
		GoalType type = GoalType.of(path + "goal_type", required(path + "goal_type", this.goalType));
		String value = required(path + "goal_value", this.goalValue);
		type.requireValid(path + "goal_value", value);
		return new GoalDraft(required(path + "goal_name", this.goalName), type, value, this.goalKey,
				(this.goalPurpose != null) ? this.goalPurpose : "sell", this.elementUrl);
	}

	/** The fields of an update; none at all is a 400. */
	GoalChanges changes() {
		GoalChanges changes = new GoalChanges(this.goalName, this.goalType, this.goalValue, this.goalKey,
				this.goalPurpose, this.elementUrl);
		if (changes.equals(new GoalChanges(null, null, null, null, null, null))) {
			throw new InvalidInput("Send at least one of 'goal_name', 'goal_type', 'goal_value', "
					+ "'goal_key', 'goal_purpose' or 'element_url'");
		}
		return changes;
	}

	private static String required(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInput(field, "'" + field + "' is required");
		}
		return value;
	}

}
