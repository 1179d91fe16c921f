package dev.uplift.results;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.uplift.error.InvalidInput;
import dev.uplift.experiment.ExperimentSnapshot.GoalSnapshot;
import tools.jackson.databind.JsonNode;

/**
 * Mida's {@code event_attribute} (digest §3.6): which conversion events count, by the
 * properties they carried. JSON, an outer array (OR) of inner arrays (AND) of conditions
 * {@code {key, operand, value}} ({@code operator} an alias of {@code operand}); an outer
 * element that is a single condition is a group of one, and so is a lone condition
 * object. docs/decisions.md says how each operand reads a property.
 *
 * @param groups the groups, none empty; no groups means every event counts
 */
record EventAttributes(List<List<PropertyCondition>> groups) {

	static final String PARAMETER = "event_attribute";

	/** Every conversion event counts. */
	static final EventAttributes ANY = new EventAttributes(List.of());

	static final int MAX_KEY = 80;

	static final int MAX_VALUE = 500;

	/** The goal types whose conversion events carry properties. */
	private static final Set<String> GOAL_TYPES = Set.of("event", "revenue", "script");

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_KEY + "}");

	private static final ConditionGroups GROUPS = new ConditionGroups("array (OR) of arrays (AND) of",
			"{key, operand, value}", false, EventAttributes::invalid);

	EventAttributes {
		groups = groups.stream().map(List::copyOf).toList();
	}

	/** The filter of an {@code event_attribute} value; null or blank is any event. */
	static EventAttributes parse(String text) {
		if (text == null || text.isBlank()) {
			return ANY;
		}
		return new EventAttributes(GROUPS.parse(text, EventAttributes::condition));
	}

	/** Whether every event counts. */
	boolean any() {
		return this.groups.isEmpty();
	}

	/**
	 * Refuses a goal whose conversion events carry no properties, or no goal at all.
	 */
	void requireApplies(GoalSnapshot goal) {
		if (any()) {
			return;
		}
		if (goal == null) {
			throw invalid("needs a goal: the experiment has no primary goal and none is named");
		}
		if (!GOAL_TYPES.contains(goal.goalType())) {
			throw invalid("applies to event, revenue and script goals, whose events carry properties; goal '"
					+ goal.goalKey() + "' is a " + goal.goalType() + " goal");
		}
	}

	/** Whether an event with these properties (null for none) counts. */
	boolean matches(JsonNode properties) {
		if (any()) {
			return true;
		}
		for (List<PropertyCondition> group : this.groups) {
			if (group.stream().allMatch((condition) -> condition.test(properties))) {
				return true;
			}
		}
		return false;
	}

	private static PropertyCondition condition(JsonNode node) {
		JsonNode key = node.get("key");
		if (key == null || !key.isString() || !KEY.matcher(key.stringValue()).matches()) {
			throw invalid("each condition needs a key of 1 to " + MAX_KEY + " letters, digits, '_', '.' or '-'");
		}
		JsonNode symbol = node.has("operand") ? node.get("operand") : node.get("operator");
		Operator operator = (symbol != null && symbol.isString()) ? operator(symbol.stringValue()) : null;
		if (operator == null) {
			throw invalid("each condition needs an operand: =, !=, >, <, >=, <=, **, !*, ex or nx");
		}
		if (!operator.takesValue()) {
			return new PropertyCondition(key.stringValue(), operator, null);
		}
		return new PropertyCondition(key.stringValue(), operator, value(operator, node.get("value")));
	}

	private static Operator operator(String symbol) {
		return symbol.equals("=") ? Operator.EQUALS : Operator.bySymbol(symbol).orElse(null);
	}

	private static String value(Operator operator, JsonNode node) {
		if (node == null || !(node.isString() || node.isNumber() || node.isBoolean())) {
			throw invalid("operand '" + operator.symbol() + "' needs a string, number or boolean value");
		}
		String value = node.isString() ? node.stringValue() : node.asString();
		if (value.isEmpty() || value.length() > MAX_VALUE) {
			throw invalid("value must be 1 to " + MAX_VALUE + " characters");
		}
		if (operator.ordering() && PropertyCondition.number(value) == null) {
			throw invalid("operand '" + operator.symbol() + "' compares numbers, got '"
					+ FilterPresets.abbreviate(value) + "'");
		}
		return value;
	}

	private static InvalidInput invalid(String message) {
		return new InvalidInput(PARAMETER, PARAMETER + ": " + message);
	}

	/**
	 * One condition on a property of an event: text compares without regard to case,
	 * numbers by value; a missing property equals and contains nothing.
	 *
	 * @param key the property's name; a dotted name not present as such walks into nested
	 * objects
	 * @param operator how it is compared
	 * @param value the value compared with, null for {@code ex} and {@code nx}
	 */
	record PropertyCondition(String key, Operator operator, String value) {

		boolean test(JsonNode properties) {
			JsonNode property = property(properties);
			boolean present = property != null && !property.isNull();
			return switch (this.operator) {
				case EXISTS -> present;
				case NOT_EXISTS -> !present;
				case EQUALS -> present && same(property);
				case NOT_EQUALS -> !present || !same(property);
				case CONTAINS -> present && text(property).contains(lower(this.value));
				case NOT_CONTAINS -> !present || !text(property).contains(lower(this.value));
				default -> present && ordered(property);
			};
		}

		private JsonNode property(JsonNode properties) {
			if (properties == null || !properties.isObject()) {
				return null;
			}
			JsonNode property = properties.get(this.key);
			if (property != null || !this.key.contains(".")) {
				return property;
			}
			JsonNode node = properties;
			for (String part : this.key.split("\\.", -1)) {
				node = node.isObject() ? node.get(part) : null;
				if (node == null) {
					return null;
				}
			}
			return node;
		}

		private boolean same(JsonNode property) {
			BigDecimal wanted = number(this.value);
			BigDecimal actual = number(property);
			if (wanted != null && actual != null) {
				return wanted.compareTo(actual) == 0;
			}
			return text(property).equals(lower(this.value));
		}

		private boolean ordered(JsonNode property) {
			BigDecimal actual = number(property);
			if (actual == null) {
				return false;
			}
			int sign = actual.compareTo(number(this.value));
			return switch (this.operator) {
				case GREATER -> sign > 0;
				case GREATER_OR_EQUAL -> sign >= 0;
				case LESS -> sign < 0;
				default -> sign <= 0;
			};
		}

		private static String text(JsonNode property) {
			return lower(property.isValueNode() ? property.asString() : property.toString());
		}

		private static String lower(String text) {
			return text.toLowerCase(Locale.ROOT);
		}

		private static BigDecimal number(JsonNode property) {
			if (property.isNumber()) {
				return property.decimalValue();
			}
			return property.isString() ? number(property.stringValue()) : null;
		}

		static BigDecimal number(String text) {
			try {
				BigDecimal number = new BigDecimal(text.strip());
				// A huge exponent makes comparisons slow; no property needs one.
				return (Math.abs(number.scale()) > 1000) ? null : number;
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

}
