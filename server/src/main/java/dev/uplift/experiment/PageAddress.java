package dev.uplift.experiment;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page's address as the browser script sees it when it matches {@code page_urls}: the
 * address parsed and written out again as a browser's URL parser does for the http(s)
 * addresses pages have (lower-case scheme and host, no default port, {@code /} for an
 * empty path, dot segments resolved, the path's unsafe characters percent-encoded),
 * without the fragment and the preview parameters, its query written out as form fields
 * (docs/snippet.md, "Targeting"; the shared cases are testdata/page-rule-vectors.json).
 *
 * @param scheme lower case, without {@code :}
 * @param host lower case, with any {@code www.}
 * @param port the port when it is not the scheme's default, else empty
 * @param path percent-encoded, starting with {@code /}
 * @param query the form fields of the query, in order, decoded
 */
record PageAddress(String scheme, String host, String port, String path, List<Field> query) {

	static final Set<String> PREVIEW_PARAMETERS = Set.of("test-preview", "test-variant");

	private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

	private static final Pattern ADDRESS_WITH_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");

	// Characters a host may not contain (the URL standard's forbidden host code points
	// that can reach here).
	private static final Pattern FORBIDDEN_HOST = Pattern.compile("[\\s#%/:<>?@\\[\\\\\\]^|]");

	PageAddress {
		query = List.copyOf(query);
	}

	/**
	 * The page at this absolute address, or empty when a browser would not parse it as an
	 * http(s) address.
	 */
	static Optional<PageAddress> parse(String href) {
		Matcher scheme = SCHEME.matcher(href);
		if (!scheme.find()) {
			return Optional.empty();
		}
		String name = scheme.group(1).toLowerCase(Locale.ROOT);
		if (!name.equals("http") && !name.equals("https")) {
			return Optional.empty();
		}
		String rest = href.substring(scheme.end()).replace('\\', '/');
		int hostStart = 0;
		while (hostStart < rest.length() && rest.charAt(hostStart) == '/') {
			hostStart++;
		}
		return parseAfterScheme(name, rest.substring(hostStart));
	}

	/**
	 * The address a {@code simple} rule names, read as the script reads it: a rule
	 * starting with {@code /} is a path on the page's site, a rule with a scheme is an
	 * address, any other is an address without its {@code https://}.
	 */
	static Optional<PageAddress> ofRule(String rule, PageAddress page) {
		if (rule.startsWith("//")) {
			return parse(page.scheme + ":" + rule);
		}
		if (rule.startsWith("/")) {
			return parse(page.scheme + "://" + page.authority() + rule);
		}
		return parse(ADDRESS_WITH_SCHEME.matcher(rule).find() ? rule : "https://" + rule);
	}

	/**
	 * The address written out, as the script compares it with {@code exact},
	 * {@code contain} and {@code regex}.
	 */
	String href() {
		StringBuilder href = new StringBuilder(this.scheme).append("://").append(authority()).append(this.path);
		if (!this.query.isEmpty()) {
			href.append('?');
			for (int i = 0; i < this.query.size(); i++) {
				href.append((i > 0) ? "&" : "")
					.append(URLEncoder.encode(this.query.get(i).name(), StandardCharsets.UTF_8))
					.append('=')
					.append(URLEncoder.encode(this.query.get(i).value(), StandardCharsets.UTF_8));
			}
		}
		return href.toString();
	}

	/** The value of the first field with this name, or empty. */
	Optional<String> parameter(String name) {
		return this.query.stream().filter((field) -> field.name().equals(name)).map(Field::value).findFirst();
	}

	private String authority() {
		return this.port.isEmpty() ? this.host : this.host + ":" + this.port;
	}

	private static Optional<PageAddress> parseAfterScheme(String scheme, String rest) {
		int fragment = rest.indexOf('#');
		String withoutFragment = (fragment >= 0) ? rest.substring(0, fragment) : rest;
		int authorityEnd = indexOfAny(withoutFragment, "/?");
		String authority = withoutFragment.substring(0, authorityEnd);
		String remainder = withoutFragment.substring(authorityEnd);
		int queryStart = remainder.indexOf('?');
		String path = (queryStart >= 0) ? remainder.substring(0, queryStart) : remainder;
		String query = (queryStart >= 0) ? remainder.substring(queryStart + 1) : "";
		String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
		int colon = hostAndPort.lastIndexOf(':');
		String host = ((colon >= 0) ? hostAndPort.substring(0, colon) : hostAndPort).toLowerCase(Locale.ROOT);
		String port = (colon >= 0) ? hostAndPort.substring(colon + 1) : "";
		if (host.isEmpty() || FORBIDDEN_HOST.matcher(host).find() || !port.matches("[0-9]{0,5}")
				|| (!port.isEmpty() && Integer.parseInt(port) > 65_535)) {
			return Optional.empty();
		}
		String normalisedPort = port.isEmpty() ? "" : Integer.toString(Integer.parseInt(port));
		if (normalisedPort.equals(scheme.equals("https") ? "443" : "80")) {
			normalisedPort = "";
		}
		List<Field> fields = Field.parse(query)
			.stream()
			.filter((field) -> !PREVIEW_PARAMETERS.contains(field.name()))
			.toList();
		return Optional.of(new PageAddress(scheme, host, normalisedPort, normalisedPath(path), fields));
	}

	private static int indexOfAny(String text, String characters) {
		for (int i = 0; i < text.length(); i++) {
			if (characters.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return text.length();
	}

	/**
	 * The path with dot segments resolved and the characters a browser encodes
	 * percent-encoded.
	 */
	private static String normalisedPath(String path) {
		Deque<String> segments = new ArrayDeque<>();
		String[] parts = path.isEmpty() ? new String[] { "", "" } : path.split("/", -1);
		for (int i = 1; i < parts.length; i++) {
			String segment = parts[i];
			boolean last = i == parts.length - 1;
			if (segment.equals("..") || segment.equalsIgnoreCase("%2e%2e") || segment.equalsIgnoreCase(".%2e")
					|| segment.equalsIgnoreCase("%2e.")) {
				segments.pollLast();
				if (last) {
					segments.add("");
				}
			}
			else if (segment.equals(".") || segment.equalsIgnoreCase("%2e")) {
				if (last) {
					segments.add("");
				}
			}
			else {
				segments.add(encodePathSegment(segment));
			}
		}
		return "/" + String.join("/", segments);
	}

	// The URL standard's path percent-encode set: controls, space, " # < > ? ` { } and
	// everything past ASCII.
	private static String encodePathSegment(String segment) {
		StringBuilder encoded = new StringBuilder(segment.length());
		for (byte octet : segment.getBytes(StandardCharsets.UTF_8)) {
			int c = octet & 0xFF;
			if (c <= 0x20 || c >= 0x7F || "\"#<>?`{}".indexOf(c) >= 0) {
				encoded.append('%')
					.append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
			}
			else {
				encoded.append((char) c);
			}
		}
		return encoded.toString();
	}

	/**
	 * One form field of a query, decoded.
	 *
	 * @param name the field's name
	 * @param value its value, empty when the query gives none
	 */
	record Field(String name, String value) {

		/**
		 * The query's fields as a browser's {@code URLSearchParams} reads them: {@code +}
		 * is a space.
		 */
		static List<Field> parse(String query) {
			List<Field> fields = new ArrayList<>();
			for (String pair : query.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String name = (equals >= 0) ? pair.substring(0, equals) : pair;
				String value = (equals >= 0) ? pair.substring(equals + 1) : "";
				fields.add(new Field(decode(name), decode(value)));
			}
			return fields;
		}

		// Percent-decoding that keeps a '%' not followed by two hex digits, as browsers
		// do.
		private static String decode(String text) {
			byte[] bytes = text.replace('+', ' ').getBytes(StandardCharsets.UTF_8);
			ByteArrayOutputStream decoded = new ByteArrayOutputStream(bytes.length);
			for (int i = 0; i < bytes.length; i++) {
				int high = (i + 2 < bytes.length) ? Character.digit(bytes[i + 1], 16) : -1;
				int low = (high >= 0) ? Character.digit(bytes[i + 2], 16) : -1;
				if (bytes[i] == '%' && high >= 0 && low >= 0) {
					decoded.write(high * 16 + low);
					i += 2;
				}
				else {
					decoded.write(bytes[i]);
				}
			}
			return decoded.toString(StandardCharsets.UTF_8);
		}

	}

}
