package dev.uplift.stats;

/**
 * The two-sided Gaussian-mixture asymptotic confidence sequence of Waudby-Smith, Arbour,
 * Sinha, Kennedy and Ramdas, "Time-uniform central limit theory and asymptotic confidence
 * sequences" (arXiv 2103.06476), with ρ tuned for the sample size N* by the paper's
 * closed form, and the always-valid p-value that is the smallest α whose sequence
 * excludes 0.
 */
final class ConfidenceSequence {

	private final double alpha;

	private final double rhoSquared;

	/**
	 * A sequence at level 1 − α whose width is smallest at {@code tuningSampleSize}
	 * observations.
	 */
	ConfidenceSequence(double alpha, long tuningSampleSize) {
		if (!(alpha > 0 && alpha < 1) || tuningSampleSize < 1) {
			throw new IllegalArgumentException("Need 0 < alpha < 1 and N* >= 1");
		}
		this.alpha = alpha;
		double logTerm = -2 * Math.log(alpha);
		this.rhoSquared = (logTerm + Math.log(logTerm + 1)) / tuningSampleSize;
	}

	/** ρ², the variance of the Gaussian mixing distribution. */
	double rhoSquared() {
		return this.rhoSquared;
	}

	/**
	 * The always-valid p-value and the interval at level 1 − α of an estimate with
	 * standard error {@code standardError} after {@code sampleSize} observations.
	 */
	Inference infer(double estimate, double standardError, long sampleSize) {
		if (!(standardError > 0) || sampleSize < 1) {
			throw new IllegalArgumentException("Need a positive standard error and at least one observation");
		}
		double v = sampleSize * this.rhoSquared;
		double halfWidth = standardError * Math.sqrt((v + 1) / v * (Math.log1p(v) - 2 * Math.log(this.alpha)));
		double z = estimate / standardError;
		double logP = 0.5 * Math.log1p(v) - z * z * v / (2 * (v + 1));
		return new Inference(Math.min(1, Math.exp(logP)), Interval.around(estimate, halfWidth));
	}

}
