package dev.uplift.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The one entry point of the statistics: compares every treatment with Control on the
 * relative lift (delta method, Welch test or the confidence sequence of Waudby-Smith et
 * al., Gaussian posterior), adjusts p-values by Holm and checks the sample ratio by
 * Pearson's chi-square, as documented in docs/statistics.md.
 */
public final class Statistics {

	private static final double PERCENT = 100;

	private Statistics() {
	}

	/**
	 * Analyses one experiment from its arms (Control first, then treatments in order) and
	 * their configured weights (same order, non-negative, not all 0); every number of the
	 * result is finite.
	 */
	public static ExperimentStatistics analyze(List<ArmCounts> arms, double[] weights, StatisticsSettings settings) {
		return analyze(arms, weights, settings, 0);
	}

	/**
	 * Analyses like {@link #analyze(List, double[], StatisticsSettings)}, and reports a
	 * treatment as not estimable when it or Control has fewer than
	 * {@code minimumArmVisitors} visitors (a segment too small to read).
	 */
	public static ExperimentStatistics analyze(List<ArmCounts> arms, double[] weights, StatisticsSettings settings,
			long minimumArmVisitors) {
		if (arms.isEmpty() || arms.size() != weights.length) {
			throw new IllegalArgumentException(
					"Need Control and one weight per arm: " + arms.size() + " arms, " + weights.length + " weights");
		}
		return analyze(arms, SampleRatioTest.test(arms, weights), settings, minimumArmVisitors);
	}

	/**
	 * Analyses like {@link #analyze(List, double[], StatisticsSettings, long)} an
	 * experiment whose split changed while visitors entered (a multi-armed bandit): the
	 * sample ratio is checked against the split in force when each visitor entered.
	 * @param periods the visitors per arm of each period of one split, in any order, at
	 * least one, one count per arm each
	 */
	public static ExperimentStatistics analyze(List<ArmCounts> arms, List<EntryPeriod> periods,
			StatisticsSettings settings, long minimumArmVisitors) {
		if (arms.isEmpty() || periods.isEmpty()
				|| periods.stream().anyMatch((p) -> p.weights().length != arms.size())) {
			throw new IllegalArgumentException("Need Control and at least one period with a count per arm");
		}
		SampleRatioMismatch srm = (periods.size() == 1)
				? SampleRatioTest.test(periods.get(0).visitors(), periods.get(0).weights())
				: SampleRatioTest.test(periods);
		List<EntryPeriod> weighable = PeriodWeightedRate.weighable(periods);
		if (periods.size() == 1 || weighable.isEmpty()) {
			return analyze(arms, srm, settings, minimumArmVisitors);
		}
		List<Comparison> comparisons = new ArrayList<>();
		PeriodWeightedRate control = PeriodWeightedRate.of(weighable, 0);
		for (int index = 1; index < arms.size(); index++) {
			PeriodWeightedRate treatment = PeriodWeightedRate.of(weighable, index);
			boolean large = control.visitors() >= minimumArmVisitors && treatment.visitors() >= minimumArmVisitors;
			comparisons
				.add((large && control.rate() > 0)
						? compare(RelativeLift.of(control.rate(), control.variance(), control.visitors(),
								treatment.rate(), treatment.variance(), treatment.visitors()), settings)
						: Comparison.NOT_ESTIMABLE);
		}
		return analyzed(comparisons, srm, settings);
	}

	private static ExperimentStatistics analyze(List<ArmCounts> arms, SampleRatioMismatch srm,
			StatisticsSettings settings, long minimumArmVisitors) {
		List<Comparison> comparisons = new ArrayList<>();
		for (int index = 1; index < arms.size(); index++) {
			boolean large = arms.get(0).visitors() >= minimumArmVisitors
					&& arms.get(index).visitors() >= minimumArmVisitors;
			comparisons.add(large ? compare(arms.get(0), arms.get(index), settings) : Comparison.NOT_ESTIMABLE);
		}
		return analyzed(comparisons, srm, settings);
	}

	private static ExperimentStatistics analyzed(List<Comparison> comparisons, SampleRatioMismatch srm,
			StatisticsSettings settings) {
		double[] adjusted = HolmAdjustment.adjust(comparisons.stream().mapToDouble(Comparison::pValue).toArray());
		List<TreatmentStatistics> treatments = new ArrayList<>(comparisons.size());
		for (int index = 0; index < comparisons.size(); index++) {
			treatments.add(comparisons.get(index).toStatistics(index + 1, adjusted[index], settings));
		}
		return new ExperimentStatistics(settings.engine(), settings.confidenceThresholdPercent(), srm, treatments);
	}

	/**
	 * Holm's step-down adjustment of any family of p-values, such as the comparisons of
	 * every segment of a breakdown; in the order given.
	 */
	public static double[] holmAdjusted(double[] pValues) {
		return HolmAdjustment.adjust(pValues);
	}

	private static Comparison compare(ArmCounts control, ArmCounts treatment, StatisticsSettings settings) {
		if (!RelativeLift.estimable(control, treatment)) {
			return Comparison.NOT_ESTIMABLE;
		}
		return compare(RelativeLift.of(control, treatment), settings);
	}

	private static Comparison compare(RelativeLift lift, StatisticsSettings settings) {
		Inference inference = frequentist(lift, settings);
		BayesianLift posterior = BayesianLift.posterior(lift.estimate(), lift.variance(), settings.prior());
		return new Comparison(true, lift.estimate(), inference.pValue(), inference.interval(),
				posterior.chanceToBeatControl(), posterior.credibleInterval(settings.alpha()),
				posterior.expectedLoss());
	}

	private static Inference frequentist(RelativeLift lift, StatisticsSettings settings) {
		if (settings.sequential()) {
			return new ConfidenceSequence(settings.alpha(), settings.tuningSampleSize()).infer(lift.estimate(),
					lift.standardError(), lift.sampleSize());
		}
		return WelchTest.test(lift.estimate(), lift.treatmentTerm(), lift.treatmentVisitors(), lift.controlTerm(),
				lift.controlVisitors(), settings.alpha());
	}

	/**
	 * One treatment against Control before the adjustment across treatments, in
	 * fractions.
	 */
	private record Comparison(boolean estimable, double lift, double pValue, Interval confidenceInterval, double chance,
			Interval credibleInterval, double expectedLoss) {

		/**
		 * No evidence either way: no lift, p-value 1, even chances, zero-width intervals
		 * and no loss.
		 */
		static final Comparison NOT_ESTIMABLE = new Comparison(false, 0, 1, Interval.zero(), 0.5, Interval.zero(), 0);

		TreatmentStatistics toStatistics(int variantIndex, double pValueAdjusted, StatisticsSettings settings) {
			double chancePercent = this.chance * PERCENT;
			return new TreatmentStatistics(variantIndex, this.estimable, this.lift * PERCENT, chancePercent,
					this.credibleInterval.scaled(PERCENT), this.expectedLoss * PERCENT, this.pValue,
					this.confidenceInterval.scaled(PERCENT), pValueAdjusted,
					this.estimable && significant(chancePercent, pValueAdjusted, settings), settings.sequential());
		}

		private static boolean significant(double chancePercent, double pValueAdjusted, StatisticsSettings settings) {
			double threshold = settings.confidenceThresholdPercent();
			return settings.bayesian() ? (chancePercent >= threshold || chancePercent <= PERCENT - threshold)
					: pValueAdjusted < settings.alpha();
		}

	}

}
