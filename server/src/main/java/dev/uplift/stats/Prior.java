package dev.uplift.stats;

/**
 * A normal prior N(mean, variance) on the relative lift (fractions: 0.05 is +5 %), the
 * conjugate prior of the Gaussian approximation of Gelman et al., Bayesian Data Analysis
 * (3rd ed.), §2.5; the flat prior is its infinite-variance limit.
 *
 * @param mean prior mean of the relative lift, finite
 * @param variance prior variance of the relative lift, above 0; {@code +Infinity} only
 * for the flat prior
 */
public record Prior(double mean, double variance) {

	private static final Prior FLAT = new Prior(0, Double.POSITIVE_INFINITY);

	public Prior {
		if (!Double.isFinite(mean)) {
			throw new IllegalArgumentException("Prior mean must be finite, was " + mean);
		}
		if (!(variance > 0)) {
			throw new IllegalArgumentException("Prior variance must be above 0, was " + variance);
		}
		if (Double.isInfinite(variance) && mean != 0) {
			throw new IllegalArgumentException("A flat prior has mean 0, was " + mean);
		}
	}

	/**
	 * The improper flat prior, under which the posterior is the normalised likelihood.
	 */
	public static Prior flat() {
		return FLAT;
	}

	/** A proper normal prior with finite variance. */
	public static Prior normal(double mean, double variance) {
		if (!Double.isFinite(variance)) {
			throw new IllegalArgumentException("A normal prior needs a finite variance, was " + variance);
		}
		return new Prior(mean, variance);
	}

	/** Whether this is the flat prior. */
	public boolean isFlat() {
		return Double.isInfinite(this.variance);
	}

	/** The precision 1 / variance, 0 for the flat prior. */
	double precision() {
		return 1 / this.variance;
	}

}
