package dev.uplift.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as the API writes them: ISO 8601 UTC with milliseconds,
 * {@code 2024-01-15T10:30:00.000Z}.
 */
public final class ApiTime {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private ApiTime() {
	}

	/** Formats epoch milliseconds; null stays null. */
	public static String format(Long epochMillis) {
		return (epochMillis != null) ? FORMAT.format(Instant.ofEpochMilli(epochMillis)) : null;
	}

}
