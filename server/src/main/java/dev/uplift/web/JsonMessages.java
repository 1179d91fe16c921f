package dev.uplift.web;

import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What to tell a client whose JSON could not be read: where and what, in the API's words,
 * without the parser's class names, Java types or source descriptions.
 */
public final class JsonMessages {

	private JsonMessages() {
	}

	/**
	 * "Malformed JSON at line 1, column 9: Unexpected end-of-input", or the field whose
	 * value has the wrong type.
	 */
	public static String describe(JacksonException ex) {
		if (ex instanceof MismatchedInputException mismatch) {
			return mismatch(mismatch);
		}
		if (ex instanceof DatabindException bind) {
			// The JSON is well formed but a value cannot become what the route reads it
			// into.
			String field = path(bind.getPath());
			return field.isEmpty() ? "Invalid request body" : "'" + field + "' has an invalid value";
		}
		return "Malformed JSON" + at(ex.getLocation()) + ": " + reason(ex.getOriginalMessage());
	}

	private static String mismatch(MismatchedInputException ex) {
		String field = path(ex.getPath());
		String expected = expected(ex.getTargetType());
		if (field.isEmpty()) {
			return "The request body must be "
					+ ((expected == null || expected.equals("an object")) ? "a JSON object" : expected);
		}
		return "'" + field + "' " + ((expected != null) ? "must be " + expected : "has a value of the wrong type");
	}

	private static String path(List<JacksonException.Reference> path) {
		return path.stream()
			.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}

	private static String expected(Class<?> type) {
		if (type == null) {
			return null;
		}
		if (type == Flag.class) {
			return "0 or 1";
		}
		if (ObjectNode.class.isAssignableFrom(type)) {
			return "an object";
		}
		if (ArrayNode.class.isAssignableFrom(type)) {
			return "an array";
		}
		if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class) {
			return "a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class
				|| type == Short.class || type == short.class) {
			return "an integer";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
			return "a finite number";
		}
		if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
			return "an array";
		}
		return "an object";
	}

	private static String at(TokenStreamLocation location) {
		if (location == null || location.getLineNr() < 1) {
			return "";
		}
		return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
	}

	// Jackson's reason comes first; what follows its first colon or parenthesis names
	// parser internals.
	private static String reason(String message) {
		if (message == null || message.isBlank()) {
			return "unreadable";
		}
		int end = message.length();
		for (String stop : new String[] { ":", " (", "\n" }) {
			int at = message.indexOf(stop);
			if (at > 0 && at < end) {
				end = at;
			}
		}
		return message.substring(0, end);
	}

}
