package dev.uplift.stats;

/**
 * The comparison of one treatment with Control on the relative lift, all numbers finite
 * and in percent except the p-values; see docs/statistics.md for the methods and for the
 * values reported when the lift cannot be estimated.
 *
 * @param variantIndex the treatment's index among the arms, 1 for the first treatment
 * @param estimable whether the lift could be estimated (Control has visitors and
 * conversions, the treatment visitors)
 * @param lift relative lift (p_T − p_C) / p_C in percent, 0 when not estimable
 * @param chanceToBeatControl posterior P(Δ > 0) in percent, 0 to 100
 * @param credibleInterval posterior interval of the lift in percent at the threshold
 * level
 * @param expectedLoss posterior E[max(−Δ, 0)] in percent of relative lift, at least 0
 * @param pValue two-sided p-value of Δ = 0, always-valid when {@code sequential}
 * @param confidenceInterval confidence interval (or sequence) of the lift in percent at
 * the threshold level
 * @param pValueAdjusted Holm-adjusted p-value across the experiment's treatments, equal
 * to {@code pValue} when there is one treatment
 * @param significant the decision of the experiment's engine at its threshold
 * @param sequential whether {@code pValue} and {@code confidenceInterval} are the
 * always-valid ones
 */
public record TreatmentStatistics(int variantIndex, boolean estimable, double lift, double chanceToBeatControl,
		Interval credibleInterval, double expectedLoss, double pValue, Interval confidenceInterval,
		double pValueAdjusted, boolean significant, boolean sequential) {

	public TreatmentStatistics {
		if (variantIndex < 1) {
			throw new IllegalArgumentException("A treatment has index 1 or more, was " + variantIndex);
		}
		requireFinite("lift", lift);
		requireBetween("chanceToBeatControl", chanceToBeatControl, 100);
		requireFinite("expectedLoss", expectedLoss);
		if (expectedLoss < 0) {
			throw new IllegalArgumentException("expectedLoss must not be negative, was " + expectedLoss);
		}
		requireBetween("pValue", pValue, 1);
		requireBetween("pValueAdjusted", pValueAdjusted, 1);
		if (credibleInterval == null || confidenceInterval == null) {
			throw new IllegalArgumentException("Both intervals must be given");
		}
	}

	private static void requireFinite(String name, double value) {
		if (!Double.isFinite(value)) {
			throw new IllegalArgumentException(name + " must be finite, was " + value);
		}
	}

	private static void requireBetween(String name, double value, double max) {
		if (!(value >= 0 && value <= max)) {
			throw new IllegalArgumentException(name + " must be between 0 and " + max + ", was " + value);
		}
	}

}
