package dev.uplift.experiment;

import java.util.Set;

import dev.uplift.error.InvalidInput;

/**
 * A goal as a request describes it, checked: a known type, a value that fits the type, a
 * slug key.
 *
 * @param name {@code goal_name}
 * @param type {@code goal_type}
 * @param value {@code goal_value}
 * @param key {@code goal_key}, or null to generate one from the name
 * @param purpose {@code sell}, {@code engage} or {@code generate}
 * @param elementUrl page of the element or form, or null
 */
record GoalDraft(String name, GoalType type, String value, String key, String purpose, String elementUrl) {

	static final int MAX_NAME_LENGTH = 200;

	static final int MAX_VALUE_LENGTH = 2000;

	static final Set<String> PURPOSES = Set.of("sell", "engage", "generate");

	GoalDraft {
		if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
			throw new InvalidInput("'goal_name' is required and must have at most 200 characters");
		}
		if (value == null || value.isBlank() || value.length() > MAX_VALUE_LENGTH) {
			throw new InvalidInput("'goal_value' is required and must have at most 2000 characters");
		}
		if (key != null && !Slugs.isSlug(key)) {
			throw new InvalidInput("'goal_key' must be 1 to 100 characters of a-z, 0-9, '_' and '-'");
		}
		if (!PURPOSES.contains(purpose)) {
			throw new InvalidInput("'goal_purpose' must be one of sell, engage, generate");
		}
		if (elementUrl != null && elementUrl.length() > MAX_VALUE_LENGTH) {
			throw new InvalidInput("'element_url' must have at most 2000 characters");
		}
		name = name.strip();
		value = value.strip();
	}

}
