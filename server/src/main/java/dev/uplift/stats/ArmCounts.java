package dev.uplift.stats;

/**
 * Visitors and converted visitors of one arm of an experiment, the binomial counts every
 * statistic here starts from.
 *
 * @param visitors visitors who entered the arm, at least 0
 * @param conversions of them, those who converted on the goal, between 0 and
 * {@code visitors}
 */
public record ArmCounts(long visitors, long conversions) {

	public ArmCounts {
		if (visitors < 0 || conversions < 0) {
			throw new IllegalArgumentException(
					"Counts must not be negative: " + visitors + " visitors, " + conversions + " conversions");
		}
		if (conversions > visitors) {
			throw new IllegalArgumentException(
					"Conversions (" + conversions + ") must not exceed visitors (" + visitors + ")");
		}
	}

	/** The conversion rate as a fraction, 0 when the arm has no visitors. */
	public double rate() {
		return (this.visitors == 0) ? 0 : (double) this.conversions / this.visitors;
	}

}
