package dev.uplift.web;

import dev.uplift.error.InvalidInput;

/**
 * Ids in request paths ({@code test_id}, {@code goal_profile_id}, an API key's id):
 * positive integers written in ASCII digits, else a 400. Other scripts' digits, signs,
 * hexadecimal and leading white space, all of which Java's number parsing or Spring's
 * conversion would take, are refused.
 */
public final class PathId {

	private static final int MAX_DIGITS = 18;

	private PathId() {
	}

	/** The id as a long; 400 naming the parameter when it is not a positive integer. */
	public static long parse(String name, String value) {
		if (value == null || value.isEmpty() || value.length() > MAX_DIGITS
				|| !value.chars().allMatch(PathId::asciiDigit) || Long.parseLong(value) <= 0) {
			throw new InvalidInput("'" + name + "' must be a positive integer, not '" + shortened(value) + "'");
		}
		return Long.parseLong(value);
	}

	private static boolean asciiDigit(int c) {
		return c >= '0' && c <= '9';
	}

	private static String shortened(String value) {
		return (value == null || value.length() <= 40) ? value : value.substring(0, 40) + "...";
	}

}
