package dev.uplift.bench.load;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Writes the report's maps, lists, numbers and strings as indented JSON. */
final class Json {

	private Json() {
	}

	static String write(Object value) {
		StringBuilder out = new StringBuilder();
		write(out, value, "");
		return out.append('\n').toString();
	}

	private static void write(StringBuilder out, Object value, String indent) {
		if (value instanceof Map<?, ?> map) {
			out.append("{");
			Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
			while (entries.hasNext()) {
				Map.Entry<?, ?> entry = entries.next();
				out.append('\n').append(indent).append("  ");
				string(out, entry.getKey().toString());
				out.append(": ");
				write(out, entry.getValue(), indent + "  ");
				out.append(entries.hasNext() ? "," : "\n" + indent);
			}
			out.append("}");
		}
		else if (value instanceof List<?> list) {
			out.append("[");
			for (int i = 0; i < list.size(); i++) {
				out.append((i == 0) ? "" : ", ");
				write(out, list.get(i), indent);
			}
			out.append("]");
		}
		else if (value instanceof long[] longs) {
			write(out, java.util.Arrays.stream(longs).boxed().toList(), indent);
		}
		else if (value instanceof long[][] rows) {
			write(out, java.util.Arrays.stream(rows).map((row) -> (Object) row).toList(), indent);
		}
		else if (value instanceof Double number) {
			out.append(Double.isFinite(number) ? String.format(java.util.Locale.ROOT, "%.3f", number) : "null");
		}
		else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else if (value == null) {
			out.append("null");
		}
		else {
			string(out, value.toString());
		}
	}

	private static void string(StringBuilder out, String text) {
		out.append('"');
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

}
