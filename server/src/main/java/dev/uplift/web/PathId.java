package dev.uplift.web;


/** Ids in request paths ({@code test_id}, {@code goal_profile_id}): positive integers, else a 400. */
public final class PathId {

	private static final int MAX_DIGITS = 18;

	private PathId() {
	}

	/** The id as a long; 400 naming the parameter when it is not a positive integer. */
	public static long parse(String name, String value) {
		if (value == null || value.isEmpty() || value.length() > MAX_DIGITS || !value.chars().allMatch(Character::isDigit)
				|| Long.parseLong(value) <= 0) {
			throw new ApiException.BadRequest("'" + name + "' must be a positive integer, not '" + shortened(value) + "'");
		}
		return Long.parseLong(value);
	}

	private static String shortened(String value) {
		return (value == null || value.length() <= 40) ? value : value.substring(0, 40) + "...";
	}

}
