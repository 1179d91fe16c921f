package dev.uplift.stats;

/**
 * A closed interval [low, high] of finite numbers, used for confidence and credible
 * intervals of the relative lift.
 *
 * @param low lower bound, finite
 * @param high upper bound, finite and not below {@code low}
 */
public record Interval(double low, double high) {

	private static final Interval ZERO = new Interval(0, 0);

	public Interval {
		if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
			throw new IllegalArgumentException("Not a finite interval: [" + low + ", " + high + "]");
		}
	}

	/** The interval [0, 0], reported when the lift cannot be estimated. */
	public static Interval zero() {
		return ZERO;
	}

	/** The interval centre ± halfWidth. */
	static Interval around(double centre, double halfWidth) {
		return new Interval(centre - halfWidth, centre + halfWidth);
	}

	/**
	 * This interval multiplied by a positive factor, e.g. 100 to turn fractions into
	 * percent.
	 */
	Interval scaled(double factor) {
		return new Interval(this.low * factor, this.high * factor);
	}

}
