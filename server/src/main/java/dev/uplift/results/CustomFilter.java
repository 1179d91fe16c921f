package dev.uplift.results;

import java.util.Set;
import java.util.regex.Pattern;

import dev.uplift.error.InvalidInput;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard segment builder's {@code custom_filter} (digest §3.6): JSON, an outer
 * array (AND) of inner arrays (OR) of conditions {@code {criteria, operator, value,
 * key?}}. An outer element that is a single condition is a group of one, and so is a lone
 * condition object.
 */
final class CustomFilter {

	static final String PARAMETER = "custom_filter";

	static final int MAX_VALUE = 500;

	static final int MAX_KEY = 80;

	private static final ConditionGroups GROUPS = new ConditionGroups("array of arrays of",
			"{criteria, operator, value}", true, CustomFilter::invalid);

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_KEY + "}");

	private static final Pattern VISITOR_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

	private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

	private static final Pattern NUMBER = Pattern.compile("[0-9]{1,2}");

	/** Criteria of the digest whose data Uplift does not keep with the entry. */
	private static final Set<String> NOT_RECORDED = Set.of("ref_page", "user_agent", "queryparam", "attribute");

	private static final Set<String> UTM_SOURCE_KEYS = Set.of("utm_source", "source");

	private CustomFilter() {
	}

	/** The filter of a {@code custom_filter} value; null or blank is everyone. */
	static SegmentFilter parse(String text) {
		if (text == null || text.isBlank()) {
			return SegmentFilter.EVERYONE;
		}
		return new SegmentFilter(GROUPS.parse(text, CustomFilter::condition));
	}

	private static Condition condition(JsonNode node) {
		String name = text(node, "criteria");
		Criterion criterion = criterion(name, node.get("key"));
		String symbol = text(node, "operator");
		Operator operator = Operator.bySymbol(symbol)
			.filter(criterion::allows)
			.orElseThrow(() -> invalid(
					"operator '" + FilterPresets.abbreviate(symbol) + "' does not apply to criteria '" + name + "'"));
		if (!operator.takesValue()) {
			return new Condition(criterion, operator, null);
		}
		return new Condition(criterion, operator, value(criterion, operator, node.get("value")));
	}

	private static Criterion criterion(String name, JsonNode key) {
		if (name.equals("region") || name.equals("city")) {
			throw invalid(
					"criteria '" + name + "' is not valid; use a regional filter_by preset or breakdown_by=" + name);
		}
		if (NOT_RECORDED.contains(name)) {
			throw invalid("criteria '" + name + "' is not recorded by Uplift with a visitor's entry");
		}
		Criterion criterion = Criterion.byName(name)
			.orElseThrow(() -> invalid("unknown criteria '" + FilterPresets.abbreviate(name) + "'"));
		if (criterion == Criterion.UTM_SOURCE) {
			String keyText = (key != null && key.isString()) ? key.stringValue() : null;
			if (keyText == null || !KEY.matcher(keyText).matches()) {
				throw invalid("criteria 'utm' needs a key of 1 to " + MAX_KEY + " letters, digits, '_', '.' or '-'");
			}
			if (!UTM_SOURCE_KEYS.contains(keyText)) {
				throw invalid("utm key '" + keyText + "' is not recorded by Uplift; only utm_source is");
			}
		}
		return criterion;
	}

	private static String value(Criterion criterion, Operator operator, JsonNode node) {
		if (node == null || !(node.isString() || node.isIntegralNumber())) {
			throw invalid("criteria '" + criterion.wireName() + "' with operator '" + operator.symbol()
					+ "' needs a string or integer value");
		}
		String value = node.isString() ? node.stringValue() : node.asString();
		if (value.isEmpty() || value.length() > MAX_VALUE) {
			throw invalid("value must be 1 to " + MAX_VALUE + " characters");
		}
		boolean exact = operator != Operator.CONTAINS && operator != Operator.NOT_CONTAINS;
		if (criterion == Criterion.VISITOR_ID && !VISITOR_ID.matcher(value).matches()) {
			throw invalid("a visitor id is 1 to 80 characters of letters, digits, '_' and '-'");
		}
		if (criterion == Criterion.COUNTRY && exact && !COUNTRY.matcher(value).matches()) {
			throw invalid("country must be an ISO 3166-1 alpha-2 code, got '" + FilterPresets.abbreviate(value) + "'");
		}
		if (criterion.temporal() && exact
				&& (!NUMBER.matcher(value).matches() || Integer.parseInt(value) > criterion.maximum())) {
			throw invalid(criterion.wireName() + " must be an integer from 0 to " + criterion.maximum());
		}
		return value;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || !value.isString() || value.stringValue().isEmpty()) {
			throw invalid("each condition needs a string '" + field + "'");
		}
		return value.stringValue();
	}

	private static InvalidInput invalid(String message) {
		return new InvalidInput(PARAMETER, PARAMETER + ": " + message);
	}

}
