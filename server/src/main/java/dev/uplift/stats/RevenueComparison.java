package dev.uplift.stats;

/**
 * A treatment's revenue per visitor against Control's (docs/statistics.md).
 *
 * @param lift relative lift of revenue per visitor in percent, 0 when not estimable
 * @param pValue two-sided p-value of Welch's test of equal means, 1 when not estimable
 * @param confidenceInterval interval of the relative lift in percent (delta method,
 * Welch–Satterthwaite degrees of freedom), [0, 0] when not estimable
 * @param significant whether {@code pValue} is below 1 − threshold
 * @param estimable whether both arms have two visitors or more, Control has revenue and
 * the revenue varies
 */
public record RevenueComparison(double lift, double pValue, Interval confidenceInterval, boolean significant,
		boolean estimable) {

	static final RevenueComparison NOT_ESTIMABLE = new RevenueComparison(0, 1, Interval.zero(), false, false);

}
