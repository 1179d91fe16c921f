package dev.uplift.stats;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down adjustment of p-values for the family-wise error rate (Holm, "A simple
 * sequentially rejective multiple test procedure", Scandinavian Journal of Statistics 6,
 * 1979): the i-th smallest of m p-values becomes max over j ≤ i of min(1, (m − j + 1)
 * p_(j)).
 */
final class HolmAdjustment {

	private HolmAdjustment() {
	}

	/** The adjusted p-values, in the order of {@code pValues}. */
	static double[] adjust(double[] pValues) {
		int m = pValues.length;
		int[] ascending = IntStream.range(0, m)
			.boxed()
			.sorted(Comparator.comparingDouble((Integer index) -> pValues[index]))
			.mapToInt(Integer::intValue)
			.toArray();
		double[] adjusted = new double[m];
		double running = 0;
		for (int rank = 0; rank < m; rank++) {
			int index = ascending[rank];
			running = Math.max(running, Math.min(1, (m - rank) * pValues[index]));
			adjusted[index] = running;
		}
		return adjusted;
	}

}
