package dev.uplift.stats;

import java.util.Arrays;
import java.util.List;

import org.hipparchus.special.Gamma;

/**
 * Pearson's chi-square goodness-of-fit test of the visitors per arm against the
 * configured weights (Pearson, Philosophical Magazine 50, 1900), used to detect a sample
 * ratio mismatch; arms of weight 0 leave the test, and any visitor in such an arm is
 * itself a mismatch.
 */
final class SampleRatioTest {

	private SampleRatioTest() {
	}

	/**
	 * The check of {@code visitors} (one count per arm) against {@code weights} (same
	 * order, sum above 0).
	 */
	static SampleRatioMismatch test(long[] visitors, double[] weights) {
		double[] expected = normalised(weights);
		double pValue = pValue(visitors, expected);
		return new SampleRatioMismatch(pValue, pValue < SampleRatioMismatch.DETECTION_LEVEL,
				Arrays.stream(expected).boxed().toList());
	}

	/** The weights divided by their sum. */
	static double[] normalised(double[] weights) {
		double total = Arrays.stream(weights).sum();
		if (!(total > 0) || Double.isInfinite(total)
				|| Arrays.stream(weights).anyMatch((weight) -> !(weight >= 0) || Double.isInfinite(weight))) {
			throw new IllegalArgumentException(
					"Weights must be finite, non-negative and not all 0: " + Arrays.toString(weights));
		}
		return Arrays.stream(weights).map((weight) -> weight / total).toArray();
	}

	private static double pValue(long[] visitors, double[] expected) {
		long total = 0;
		int categories = 0;
		for (int arm = 0; arm < visitors.length; arm++) {
			if (expected[arm] == 0 && visitors[arm] > 0) {
				return 0;
			}
			if (expected[arm] > 0) {
				total += visitors[arm];
				categories++;
			}
		}
		if (total == 0 || categories < 2) {
			return 1;
		}
		double statistic = 0;
		for (int arm = 0; arm < visitors.length; arm++) {
			if (expected[arm] > 0) {
				double count = total * expected[arm];
				double deviation = visitors[arm] - count;
				statistic += deviation * deviation / count;
			}
		}
		// The upper tail of chi-square(k − 1) straight from the regularised gamma keeps
		// its precision for small p.
		return Double.isFinite(statistic) ? Gamma.regularizedGammaQ((categories - 1) / 2.0, statistic / 2) : 0;
	}

	/** The check for arms given as counts, Control first. */
	static SampleRatioMismatch test(List<ArmCounts> arms, double[] weights) {
		return test(arms.stream().mapToLong(ArmCounts::visitors).toArray(), weights);
	}

}
