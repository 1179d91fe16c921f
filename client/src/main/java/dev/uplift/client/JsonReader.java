package dev.uplift.client;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recursive-descent parser of one JSON text (RFC 8259), strict about what it accepts.
 */
final class JsonReader {

	private final String text;

	private int position;

	JsonReader(String text) {
		this.text = text;
	}

	/**
	 * The value of the whole text; an {@link IllegalArgumentException} naming the offset
	 * if it is not JSON.
	 */
	Object document() {
		Object value = value(0);
		skipWhitespace();
		if (this.position != this.text.length()) {
			throw error("unexpected text after the value");
		}
		return value;
	}

	private Object value(int depth) {
		if (depth > Json.MAX_DEPTH) {
			throw error("nested deeper than " + Json.MAX_DEPTH + " levels");
		}
		skipWhitespace();
		char c = peek();
		return switch (c) {
			case '{' -> object(depth);
			case '[' -> array(depth);
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			default -> number();
		};
	}

	private Map<String, Object> object(int depth) {
		Map<String, Object> object = new LinkedHashMap<>();
		this.position++;
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return object;
		}
		do {
			skipWhitespace();
			if (peek() != '"') {
				throw error("expected a string key");
			}
			String key = string();
			skipWhitespace();
			expect(':');
			object.put(key, value(depth + 1));
			skipWhitespace();
		}
		while (consume(','));
		expect('}');
		return object;
	}

	private List<Object> array(int depth) {
		List<Object> array = new ArrayList<>();
		this.position++;
		skipWhitespace();
		if (peek() == ']') {
			this.position++;
			return array;
		}
		do {
			array.add(value(depth + 1));
			skipWhitespace();
		}
		while (consume(','));
		expect(']');
		return array;
	}

	private String string() {
		StringBuilder out = new StringBuilder();
		this.position++;
		while (true) {
			char c = next();
			if (c == '"') {
				return out.toString();
			}
			if (c < 0x20) {
				throw error("control character in a string");
			}
			out.append((c == '\\') ? escape() : c);
		}
	}

	private char escape() {
		char c = next();
		return switch (c) {
			case '"', '\\', '/' -> c;
			case 'b' -> '\b';
			case 'f' -> '\f';
			case 'n' -> '\n';
			case 'r' -> '\r';
			case 't' -> '\t';
			case 'u' -> unicodeEscape();
			default -> throw error("invalid escape \\" + c);
		};
	}

	private char unicodeEscape() {
		if (this.position + 4 > this.text.length()) {
			throw error("truncated \\u escape");
		}
		int code = 0;
		for (int i = 0; i < 4; i++) {
			int digit = Character.digit(this.text.charAt(this.position++), 16);
			if (digit < 0) {
				throw error("invalid \\u escape");
			}
			code = code * 16 + digit;
		}
		return (char) code;
	}

	private Object number() {
		int start = this.position;
		while (this.position < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
		String token = this.text.substring(start, this.position);
		if (!Json.NUMBER.matcher(token).matches()) {
			this.position = start;
			throw error("expected a value");
		}
		if (token.indexOf('.') < 0 && token.indexOf('e') < 0 && token.indexOf('E') < 0 && token.length() < 19) {
			return Long.parseLong(token);
		}
		BigDecimal decimal = new BigDecimal(token);
		double approximation = decimal.doubleValue();
		return Double.isFinite(approximation) ? approximation : decimal;
	}

	private Object literal(String word, Object value) {
		if (!this.text.startsWith(word, this.position)) {
			throw error("expected a value");
		}
		this.position += word.length();
		return value;
	}

	private void skipWhitespace() {
		while (this.position < this.text.length() && " \t\r\n".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
	}

	private boolean consume(char c) {
		if (this.position < this.text.length() && this.text.charAt(this.position) == c) {
			this.position++;
			return true;
		}
		return false;
	}

	private void expect(char c) {
		if (!consume(c)) {
			throw error("expected '" + c + "'");
		}
	}

	private char peek() {
		if (this.position >= this.text.length()) {
			throw error("unexpected end of text");
		}
		return this.text.charAt(this.position);
	}

	private char next() {
		char c = peek();
		this.position++;
		return c;
	}

	private IllegalArgumentException error(String problem) {
		return new IllegalArgumentException("Malformed JSON at offset " + this.position + ": " + problem);
	}

}
