package dev.uplift.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The Gaussian posterior of the relative lift under a normal (or flat) prior and the
 * normal likelihood of its estimate (Gelman et al., Bayesian Data Analysis, 3rd ed.,
 * §2.5), with chance to beat Control P(Δ > 0), the equal-tailed credible interval and the
 * expected loss E[max(−Δ, 0)] (Stucchio, "Bayesian A/B Testing at VWO", 2015).
 *
 * @param mean posterior mean of Δ
 * @param standardDeviation posterior standard deviation of Δ, above 0
 */
record BayesianLift(double mean, double standardDeviation) {

	private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

	/** The posterior given the estimate, its variance and the prior. */
	static BayesianLift posterior(double estimate, double variance, Prior prior) {
		double precision = 1 / variance + prior.precision();
		double mean = (estimate / variance + prior.mean() * prior.precision()) / precision;
		return new BayesianLift(mean, Math.sqrt(1 / precision));
	}

	/** P(Δ > 0) as a fraction. */
	double chanceToBeatControl() {
		return STANDARD_NORMAL.cumulativeProbability(this.mean / this.standardDeviation);
	}

	/** The central posterior interval with probability 1 − α. */
	Interval credibleInterval(double alpha) {
		double quantile = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
		return Interval.around(this.mean, quantile * this.standardDeviation);
	}

	/**
	 * E[max(−Δ, 0)] = s φ(m / s) − m Φ(−m / s) as a fraction, floored at 0 against
	 * rounding.
	 */
	double expectedLoss() {
		double z = this.mean / this.standardDeviation;
		double loss = this.standardDeviation * STANDARD_NORMAL.density(z)
				- this.mean * STANDARD_NORMAL.cumulativeProbability(-z);
		return Math.max(0, loss);
	}

}
