package dev.uplift.stats;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Welch's unequal-variances t-test of an estimate built from two independent samples,
 * with the Welch–Satterthwaite degrees of freedom (Welch, Biometrika 34, 1947;
 * Satterthwaite, Biometrics Bulletin 2, 1946).
 */
final class WelchTest {

	private WelchTest() {
	}

	/**
	 * Tests {@code estimate = 0} given its variance a + b, a and b the contributions of
	 * the two samples of sizes {@code sizeA} and {@code sizeB}, and returns the two-sided
	 * p-value with the interval at level 1 − α.
	 */
	static Inference test(double estimate, double a, long sizeA, double b, long sizeB, double alpha) {
		if (!(a >= 0 && b >= 0 && a + b > 0) || sizeA < 1 || sizeB < 1) {
			throw new IllegalArgumentException("Welch test needs a positive variance and non-empty samples");
		}
		TDistribution t = new TDistribution(degreesOfFreedom(a, sizeA, b, sizeB));
		double standardError = Math.sqrt(a + b);
		double pValue = Math.min(1, 2 * t.cumulativeProbability(-Math.abs(estimate / standardError)));
		double quantile = t.inverseCumulativeProbability(1 - alpha / 2);
		return new Inference(pValue, Interval.around(estimate, quantile * standardError));
	}

	/**
	 * ν = (a + b)² / (a² / (n_A − 1) + b² / (n_B − 1)), with n − 1 taken as 1 for a
	 * single observation.
	 */
	static double degreesOfFreedom(double a, long sizeA, double b, long sizeB) {
		double sum = a + b;
		return sum * sum / (a * a / Math.max(sizeA - 1, 1) + b * b / Math.max(sizeB - 1, 1));
	}

}
