package dev.uplift.web;

/**
 * Numbers as the API writes configured values: whole numbers as integers (100, not
 * 100.0), so that a body reads as the configuration was written.
 */
public final class ApiNumber {

	private ApiNumber() {
	}

	/** The value as a long when it is whole (and well inside a long), else as it is. */
	public static Number of(double value) {
		return (value == Math.rint(value) && Math.abs(value) < 1e15) ? (Number) (long) value : value;
	}

}
