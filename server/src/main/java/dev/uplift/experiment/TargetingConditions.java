package dev.uplift.experiment;

import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.uplift.error.InvalidInput;

/**
 * Grouped conditions of {@code parameter_rule} and {@code cookie_rule}
 * (docs/mida-v2-api.md §3.5): an array of groups that must all hold, each an array of
 * conditions of which one must hold. A lone condition where a group is expected is read
 * as a group of one.
 */
final class TargetingConditions {

	static final Set<String> WITHOUT_VALUE = Set.of("ex", "nx", "bt", "bf");

	static final Set<String> TEXT = Set.of("==", "!=", "**", "!*");

	static final Set<String> NUMERIC = Set.of("gt", "gte", "lt", "lte", ">", ">=", "<", "<=", "days_gt", "days_gte",
			"days_lt", "days_lte");

	private static final int MAX_GROUPS = 20;

	private static final int MAX_VALUE_LENGTH = 500;

	private TargetingConditions() {
	}

	static ArrayNode read(JsonFields targeting, String key) {
		ArrayNode groups = JsonMapper.shared().createArrayNode();
		List<JsonNode> entries = targeting.array(key, MAX_GROUPS);
		for (int i = 0; i < entries.size(); i++) {
			String path = targeting.name(key) + "[" + i + "]";
			JsonNode entry = entries.get(i);
			List<JsonNode> conditions = entry.isArray() ? List.copyOf(entry.values()) : List.of(entry);
			if (conditions.isEmpty() || conditions.size() > MAX_GROUPS) {
				throw new InvalidInput("'" + path + "' must hold 1 to " + MAX_GROUPS + " conditions");
			}
			ArrayNode group = groups.addArray();
			for (int j = 0; j < conditions.size(); j++) {
				group.add(condition(
						JsonFields.element(conditions.get(j), entry.isArray() ? path + "[" + j + "]" : path)));
			}
		}
		return groups;
	}

	private static ObjectNode condition(JsonFields entry) {
		ObjectNode condition = JsonMapper.shared().createObjectNode();
		String id = entry.textOrNumber("id", 100);
		if (id != null) {
			condition.put("id", id);
		}
		condition.put("criteria", entry.requiredText("criteria", 200));
		String operator = entry.requiredText("operator", 10);
		condition.put("operator", operator);
		if (WITHOUT_VALUE.contains(operator)) {
			return condition;
		}
		if (NUMERIC.contains(operator)) {
			condition.put("value", number(entry));
		}
		else if (TEXT.contains(operator)) {
			String value = entry.textOrNumber("value", MAX_VALUE_LENGTH);
			if (value == null) {
				throw entry.bad("value", "is required for operator '" + operator + "'");
			}
			condition.put("value", value);
		}
		else {
			throw entry.bad("operator", "must be one of ex, nx, ==, !=, **, !*, gt, gte, lt, lte, >, >=, <, <=, "
					+ "bt, bf, days_gt, days_gte, days_lt, days_lte");
		}
		return condition;
	}

	private static double number(JsonFields entry) {
		JsonNode value = entry.raw("value");
		if (value != null && value.isString()) {
			try {
				double parsed = Double.parseDouble(value.stringValue().strip());
				if (Double.isFinite(parsed)) {
					return parsed;
				}
			}
			catch (NumberFormatException ex) {
				// Reported below, as any other value that is not a number.
			}
		}
		if (value == null || !value.isNumber() || !Double.isFinite(value.doubleValue())) {
			throw entry.bad("value", "must be a number for operator '" + entry.raw("operator").stringValue() + "'");
		}
		return value.doubleValue();
	}

}
