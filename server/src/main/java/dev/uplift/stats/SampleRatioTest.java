package dev.uplift.stats;

import java.util.ArrayList;
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

	/**
	 * The check of the visitors per arm of every period against splits that changed while
	 * they entered (docs/statistics.md#multi-armed-bandits): arm i expects
	 * {@code E_i = Σ_p n_p w_pi}, and the deviations {@code d = O − E} are weighed by the
	 * inverse of their covariance {@code Σ_p n_p (diag(w_p) − w_p w_pᵀ)}, a sum of
	 * independent multinomials, over all arms but the last (the deviations sum to 0):
	 * {@code dᵀ Σ⁻¹ d} is chi-square with k − 1 degrees of freedom. With one period it is
	 * Pearson's statistic.
	 */
	static SampleRatioMismatch test(List<EntryPeriod> periods) {
		int arms = periods.get(0).weights().length;
		long[] visitors = new long[arms];
		double[] expected = new double[arms];
		double[][] covariance = new double[arms][arms];
		long total = 0;
		for (EntryPeriod period : periods) {
			double[] w = period.weights();
			if (w.length != arms) {
				throw new IllegalArgumentException("A period has " + w.length + " weights for " + arms + " arms");
			}
			long n = period.total();
			total += n;
			for (int i = 0; i < arms; i++) {
				visitors[i] += period.visitors()[i];
				expected[i] += n * w[i];
				for (int j = 0; j < arms; j++) {
					covariance[i][j] += n * (((i == j) ? w[i] : 0) - w[i] * w[j]);
				}
			}
		}
		if (total == 0) {
			return test(visitors, periods.get(periods.size() - 1).weights());
		}
		double[] shares = new double[arms];
		for (int i = 0; i < arms; i++) {
			shares[i] = Math.min(1, expected[i] / total);
		}
		double pValue = pValue(visitors, expected, covariance);
		return new SampleRatioMismatch(pValue, pValue < SampleRatioMismatch.DETECTION_LEVEL,
				Arrays.stream(shares).boxed().toList());
	}

	private static double pValue(long[] visitors, double[] expected, double[][] covariance) {
		List<Integer> active = new ArrayList<>();
		for (int arm = 0; arm < visitors.length; arm++) {
			if (expected[arm] > 0) {
				active.add(arm);
			}
			else if (visitors[arm] > 0) {
				return 0;
			}
		}
		int free = active.size() - 1;
		if (free < 1) {
			return 1;
		}
		double[][] system = new double[free][free + 1];
		for (int r = 0; r < free; r++) {
			int i = active.get(r);
			for (int c = 0; c < free; c++) {
				system[r][c] = covariance[i][active.get(c)];
			}
			system[r][free] = visitors[i] - expected[i];
		}
		double[] solved = solve(system);
		if (solved == null) {
			return 0;
		}
		double statistic = 0;
		for (int r = 0; r < free; r++) {
			statistic += system[r][free] * solved[r];
		}
		return (Double.isFinite(statistic) && statistic >= 0) ? Gamma.regularizedGammaQ(free / 2.0, statistic / 2) : 0;
	}

	/**
	 * Solves the augmented system by Gaussian elimination with partial pivoting, leaving
	 * the right-hand side in place; null when the matrix is singular (a deviation no
	 * split allows).
	 */
	private static double[] solve(double[][] augmented) {
		int n = augmented.length;
		double[][] a = new double[n][];
		for (int r = 0; r < n; r++) {
			a[r] = augmented[r].clone();
		}
		for (int col = 0; col < n; col++) {
			int pivot = col;
			for (int r = col + 1; r < n; r++) {
				if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
					pivot = r;
				}
			}
			if (Math.abs(a[pivot][col]) < 1e-12) {
				return null;
			}
			double[] swap = a[col];
			a[col] = a[pivot];
			a[pivot] = swap;
			for (int r = col + 1; r < n; r++) {
				double factor = a[r][col] / a[col][col];
				for (int c = col; c <= n; c++) {
					a[r][c] -= factor * a[col][c];
				}
			}
		}
		double[] x = new double[n];
		for (int r = n - 1; r >= 0; r--) {
			double sum = a[r][n];
			for (int c = r + 1; c < n; c++) {
				sum -= a[r][c] * x[c];
			}
			x[r] = sum / a[r][r];
		}
		return x;
	}

}
