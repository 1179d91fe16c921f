package dev.uplift.client;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The small part of JSON (RFC 8259) the client needs: encoding of plain Java values and
 * parsing of responses.
 */
final class Json {

	static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	static final int MAX_DEPTH = 64;

	private Json() {
	}

	/**
	 * The JSON text of a value built from maps with string keys, iterables, arrays,
	 * strings, characters, enums, booleans, finite numbers and null; anything else is an
	 * {@link IllegalArgumentException}.
	 */
	static String encode(Object value) {
		StringBuilder out = new StringBuilder();
		write(out, value, 0);
		return out.toString();
	}

	/**
	 * The value of a JSON text: a map, list, string, Long, Double, BigDecimal, Boolean or
	 * null.
	 */
	static Object parse(String text) {
		return new JsonReader(text).document();
	}

	private static void write(StringBuilder out, Object value, int depth) {
		if (depth > MAX_DEPTH) {
			throw new IllegalArgumentException("Value is nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
		}
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof CharSequence || value instanceof Character || value instanceof Enum) {
			quote(out, value.toString());
		}
		else if (value instanceof Boolean) {
			out.append(value);
		}
		else if (value instanceof Number number) {
			out.append(number(number));
		}
		else if (value instanceof Map<?, ?> map) {
			writeObject(out, map, depth);
		}
		else if (value instanceof Iterable<?> iterable) {
			writeArray(out, iterable, depth);
		}
		else if (value.getClass().isArray()) {
			List<Object> elements = new ArrayList<>();
			for (int i = 0; i < Array.getLength(value); i++) {
				elements.add(Array.get(value, i));
			}
			writeArray(out, elements, depth);
		}
		else {
			throw new IllegalArgumentException("Cannot encode a " + value.getClass().getName() + " as JSON");
		}
	}

	private static void writeObject(StringBuilder out, Map<?, ?> map, int depth) {
		out.append('{');
		boolean first = true;
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (!(entry.getKey() instanceof String key)) {
				throw new IllegalArgumentException("JSON object keys must be strings, got " + entry.getKey());
			}
			out.append(first ? "" : ",");
			quote(out, key);
			out.append(':');
			write(out, entry.getValue(), depth + 1);
			first = false;
		}
		out.append('}');
	}

	private static void writeArray(StringBuilder out, Iterable<?> elements, int depth) {
		out.append('[');
		boolean first = true;
		for (Object element : elements) {
			out.append(first ? "" : ",");
			write(out, element, depth + 1);
			first = false;
		}
		out.append(']');
	}

	private static String number(Number number) {
		if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
			throw new IllegalArgumentException("JSON has no " + number + "; send a finite number");
		}
		String text = (number instanceof BigDecimal decimal) ? decimal.toString() : number.toString();
		if (!NUMBER.matcher(text).matches()) {
			throw new IllegalArgumentException("Not a JSON number: " + text);
		}
		return text;
	}

	/**
	 * Writes a string literal; control characters and lone surrogates become escapes, so
	 * the text is valid UTF-8.
	 */
	static void quote(StringBuilder out, String text) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				default -> {
					if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(text, i)) {
						out.append("\\u")
							.append(HEX[c >> 12])
							.append(HEX[(c >> 8) & 0xF])
							.append(HEX[(c >> 4) & 0xF])
							.append(HEX[c & 0xF]);
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	private static boolean isLoneSurrogate(String text, int i) {
		char c = text.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
		}
		return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
	}

}
