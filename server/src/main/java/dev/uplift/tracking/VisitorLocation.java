package dev.uplift.tracking;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a trusted proxy says the visitor is, from the headers configured in
 * {@link TrackingProperties} (docs/operations.md, visitor location); each part null when
 * no header is configured, or the request's holds no valid value.
 *
 * @param country upper-case ISO 3166 two-letter code
 * @param region the region's name as the proxy wrote it, at most
 * {@link EventParser#MAX_PLACE} characters
 * @param city the city's name, likewise
 */
record VisitorLocation(String country, String region, String city) {

	static final VisitorLocation UNKNOWN = new VisitorLocation(null, null, null);

	/** The location the request's trusted headers name. */
	static VisitorLocation of(HttpServletRequest request, TrackingProperties properties) {
		return new VisitorLocation(EventParser.countryCode(header(request, properties.countryHeader())),
				place(header(request, properties.regionHeader())), place(header(request, properties.cityHeader())));
	}

	boolean known() {
		return this.country != null || this.region != null || this.city != null;
	}

	private static String header(HttpServletRequest request, String name) {
		return name.isBlank() ? null : request.getHeader(name);
	}

	/**
	 * A region or city name, or null when blank, too long or holding control characters.
	 * The servlet container reads header bytes as ISO-8859-1; proxies send names such as
	 * "Zürich" in UTF-8, so bytes that are valid UTF-8 are read as such.
	 */
	static String place(String value) {
		if (value == null) {
			return null;
		}
		String name = utf8(value).strip();
		if (name.isEmpty() || name.length() > EventParser.MAX_PLACE || name.chars().anyMatch(Character::isISOControl)) {
			return null;
		}
		return name;
	}

	private static String utf8(String value) {
		if (value.chars().allMatch((c) -> c < 0x80) || value.chars().anyMatch((c) -> c > 0xFF)) {
			return value;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return value;
		}
	}

}
