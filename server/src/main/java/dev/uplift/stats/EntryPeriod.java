package dev.uplift.stats;

import java.util.Arrays;

/**
 * The visitors who entered an experiment while one split was in force, and that split:
 * the periods of a multi-armed bandit between its re-allocations.
 *
 * @param visitors visitors who entered in the period per arm, Control first, each at
 * least 0 (a copy is kept; the accessor returns it, not to be changed)
 * @param conversions of them, those who converted on the goal, per arm (a copy is kept)
 * @param weights the split in force, one weight per arm, non-negative and not all 0; kept
 * divided by their sum
 */
public record EntryPeriod(long[] visitors, long[] conversions, double[] weights) {

	public EntryPeriod {
		if (visitors.length != weights.length || conversions.length != weights.length) {
			throw new IllegalArgumentException("One count per weight: " + Arrays.toString(visitors) + " and "
					+ Arrays.toString(conversions) + " for " + Arrays.toString(weights));
		}
		for (int arm = 0; arm < visitors.length; arm++) {
			new ArmCounts(visitors[arm], conversions[arm]);
		}
		visitors = visitors.clone();
		conversions = conversions.clone();
		weights = SampleRatioTest.normalised(weights);
	}

	/** The visitors of every arm together. */
	public long total() {
		return Arrays.stream(this.visitors).sum();
	}

}
