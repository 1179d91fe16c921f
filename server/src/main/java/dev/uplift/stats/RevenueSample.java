package dev.uplift.stats;

/**
 * The revenue of one arm's visitors as sums, every visitor counted (0 for those without
 * revenue): enough for the mean and variance of revenue per visitor.
 *
 * @param visitors how many visitors, at least 0
 * @param sum Σ of each visitor's revenue
 * @param sumOfSquares Σ of each visitor's revenue squared
 */
public record RevenueSample(long visitors, double sum, double sumOfSquares) {

	public RevenueSample {
		if (visitors < 0 || !Double.isFinite(sum) || !Double.isFinite(sumOfSquares)) {
			throw new IllegalArgumentException("Not a revenue sample: " + visitors + ", " + sum + ", " + sumOfSquares);
		}
	}

	double mean() {
		return this.sum / this.visitors;
	}

	/**
	 * The sample variance (n − 1 in the denominator), never below 0 where rounding would
	 * take it.
	 */
	double variance() {
		return Math.max(0, (this.sumOfSquares - this.sum * this.sum / this.visitors) / (this.visitors - 1));
	}

}
