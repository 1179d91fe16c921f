package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.uplift.error.InvalidInput;

/**
 * Typed reads of one JSON object inside a request body, for the parts whose shape is open
 * (targeting's rule keys) or varies by entry (a page rule is a string or an object); the
 * rest of each body is a record. A field that is absent or {@code null} reads as null; a
 * field of the wrong type is a {@link InvalidInput} that names the field.
 */
final class JsonFields {

	private final JsonNode node;

	private final String path;

	private JsonFields(JsonNode node, String path) {
		this.node = node;
		this.path = path;
	}

	/** An element of an array read by {@link #array}, which must be an object. */
	static JsonFields element(JsonNode element, String path) {
		if (!element.isObject()) {
			throw new InvalidInput("'" + path + "' must be an object");
		}
		return new JsonFields(element, path + ".");
	}

	/** The full name of a field, as error messages show it. */
	String name(String field) {
		return this.path + field;
	}

	/** The names of the fields sent, in their order. */
	List<String> names() {
		return List.copyOf(this.node.propertyNames());
	}

	/** Whether the field is present with a value other than {@code null}. */
	boolean has(String field) {
		return this.node.hasNonNull(field);
	}

	JsonNode raw(String field) {
		return has(field) ? this.node.get(field) : null;
	}

	String text(String field, int maxLength) {
		JsonNode value = raw(field);
		if (value == null) {
			return null;
		}
		if (!value.isString()) {
			throw bad(field, "must be a string");
		}
		String text = value.stringValue();
		if (text.length() > maxLength) {
			throw bad(field, "must have at most " + maxLength + " characters");
		}
		return text;
	}

	/** A string that must be present and not blank. */
	String requiredText(String field, int maxLength) {
		String text = text(field, maxLength);
		if (text == null || text.isBlank()) {
			throw bad(field, "is required");
		}
		return text;
	}

	/** A string, or a whole number written as a string. */
	String textOrNumber(String field, int maxLength) {
		JsonNode value = raw(field);
		if (value != null && value.isNumber()) {
			return value.numberValue().toString();
		}
		return text(field, maxLength);
	}

	/** A switch written as {@code 0}/{@code 1} or {@code false}/{@code true}. */
	Boolean flag(String field) {
		JsonNode value = raw(field);
		if (value == null) {
			return null;
		}
		if (value.isBoolean()) {
			return value.booleanValue();
		}
		if (value.isNumber() && value.canConvertToExactIntegral() && value.canConvertToInt()
				&& (value.intValue() == 0 || value.intValue() == 1)) {
			return value.intValue() == 1;
		}
		throw bad(field, "must be 0 or 1");
	}

	JsonFields object(String field) {
		JsonNode value = raw(field);
		if (value == null) {
			return null;
		}
		if (!value.isObject()) {
			throw bad(field, "must be an object");
		}
		return new JsonFields(value, name(field) + ".");
	}

	List<JsonNode> array(String field, int maxSize) {
		JsonNode value = raw(field);
		if (value == null) {
			return null;
		}
		if (!value.isArray()) {
			throw bad(field, "must be an array");
		}
		if (value.size() > maxSize) {
			throw bad(field, "must have at most " + maxSize + " entries");
		}
		return new ArrayList<>(value.values());
	}

	/** An array of strings. */
	List<String> texts(String field, int maxSize, int maxLength) {
		List<JsonNode> values = array(field, maxSize);
		if (values == null) {
			return null;
		}
		List<String> texts = new ArrayList<>();
		for (JsonNode value : values) {
			if (!value.isString() || value.stringValue().isBlank() || value.stringValue().length() > maxLength) {
				throw bad(field, "must hold non-blank strings of at most " + maxLength + " characters");
			}
			texts.add(value.stringValue());
		}
		return texts;
	}

	InvalidInput bad(String field, String reason) {
		return new InvalidInput("'" + name(field) + "' " + reason);
	}

}
