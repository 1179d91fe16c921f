package dev.uplift.stats;

/**
 * How one experiment is analysed: engine, decision threshold, sequential (always-valid)
 * inference with its tuning sample size N* of Waudby-Smith et al. (arXiv 2103.06476), and
 * the prior of the Bayesian engine.
 *
 * @param bayesian whether the Bayesian engine decides significance (else the frequentist
 * one)
 * @param confidenceThresholdPercent decision threshold and interval level in percent, 50
 * to 99
 * @param sequential whether the frequentist p-value and interval are the always-valid
 * ones
 * @param tuningSampleSize N*, the total sample size at which the confidence sequence is
 * tightest, at least 1
 * @param prior prior of the relative lift for the Bayesian numbers
 */
public record StatisticsSettings(boolean bayesian, double confidenceThresholdPercent, boolean sequential,
		long tuningSampleSize, Prior prior) {

	/** The default N* of the confidence sequence. */
	public static final long DEFAULT_TUNING_SAMPLE_SIZE = 5_000;

	public StatisticsSettings {
		if (!(confidenceThresholdPercent >= 50 && confidenceThresholdPercent <= 99)) {
			throw new IllegalArgumentException(
					"Confidence threshold must be between 50 and 99 percent, was " + confidenceThresholdPercent);
		}
		if (tuningSampleSize < 1) {
			throw new IllegalArgumentException("Tuning sample size must be at least 1, was " + tuningSampleSize);
		}
		if (prior == null) {
			throw new IllegalArgumentException("Prior must be given; use Prior.flat() for none");
		}
	}

	/** Settings with the defaults: sequential inference, N* = 5,000 and a flat prior. */
	public static StatisticsSettings of(boolean bayesian, double confidenceThresholdPercent) {
		return new StatisticsSettings(bayesian, confidenceThresholdPercent, true, DEFAULT_TUNING_SAMPLE_SIZE,
				Prior.flat());
	}

	/** The engine that decides significance. */
	public StatsEngine engine() {
		return this.bayesian ? StatsEngine.BAYESIAN : StatsEngine.FREQUENTIST;
	}

	/** The error rate α = 1 − threshold / 100 of tests and intervals. */
	public double alpha() {
		return 1 - this.confidenceThresholdPercent / 100;
	}

}
