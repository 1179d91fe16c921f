package dev.uplift.results;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.uplift.error.InvalidInput;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON shape {@code custom_filter} and {@code event_attribute} share (digest §3.6):
 * an array of groups, each an array of condition objects; a lone condition object, or an
 * element that is one, is a group of one. Bounded in length and in conditions.
 *
 * @param shape the nesting as messages name it, e.g. {@code "array of arrays of"}
 * @param fields the condition's fields as messages name them
 * @param emptyAllowed whether {@code []} (no groups) is valid
 * @param invalid the 400 of a message, naming the parameter
 */
record ConditionGroups(String shape, String fields, boolean emptyAllowed, Function<String, InvalidInput> invalid) {

	static final int MAX_LENGTH = 20_000;

	static final int MAX_CONDITIONS = 100;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The groups of the text, each condition read by {@code condition}. */
	<T> List<List<T>> parse(String text, Function<JsonNode, T> condition) {
		if (text.length() > MAX_LENGTH) {
			throw this.invalid.apply("must be at most " + MAX_LENGTH + " characters");
		}
		JsonNode root;
		try {
			root = JSON.readTree(text);
		}
		catch (JacksonException ex) {
			throw this.invalid.apply("must be JSON: an " + this.shape + " " + this.fields);
		}
		Function<JsonNode, T> counted = counting(condition);
		List<List<T>> groups = new ArrayList<>();
		if (root.isObject()) {
			groups.add(List.of(counted.apply(root)));
		}
		else if (root.isArray() && (this.emptyAllowed || !root.isEmpty())) {
			for (JsonNode element : root) {
				groups.add(group(element, counted));
			}
		}
		else {
			throw this.invalid.apply(
					"must be a " + (this.emptyAllowed ? "" : "non-empty ") + "JSON " + this.shape + " " + this.fields);
		}
		return groups;
	}

	private <T> List<T> group(JsonNode element, Function<JsonNode, T> condition) {
		if (element.isObject()) {
			return List.of(condition.apply(element));
		}
		if (!element.isArray() || element.isEmpty()) {
			throw this.invalid.apply("each element must be a condition object or a non-empty array of them");
		}
		List<T> group = new ArrayList<>();
		for (JsonNode node : element) {
			if (!node.isObject()) {
				throw this.invalid.apply("each condition must be an object " + this.fields);
			}
			group.add(condition.apply(node));
		}
		return group;
	}

	private <T> Function<JsonNode, T> counting(Function<JsonNode, T> condition) {
		int[] count = { 0 };
		return (node) -> {
			if (++count[0] > MAX_CONDITIONS) {
				throw this.invalid.apply("must hold at most " + MAX_CONDITIONS + " conditions");
			}
			return condition.apply(node);
		};
	}

}
