package dev.uplift.experiment;

import java.util.List;

/**
 * The splits a multi-armed bandit ran under: its starting split (the arms' configured
 * weights) and its re-allocations, oldest first.
 *
 * @param mab whether the experiment is a multi-armed bandit; one that is not has its
 * starting split only
 * @param startingWeights the configured weights, Control first, in force until the first
 * re-allocation
 * @param reallocations the re-allocations, oldest first, including one that takes effect
 * later than now
 */
public record BanditHistory(boolean mab, double[] startingWeights, List<Reallocation> reallocations) {

	public BanditHistory {
		startingWeights = startingWeights.clone();
		reallocations = List.copyOf(reallocations);
	}

	/**
	 * The period a day of entry belongs to: 0 before the first re-allocation, i from the
	 * day the i-th takes effect.
	 */
	public int periodOn(long day) {
		int period = 0;
		while (period < this.reallocations.size() && this.reallocations.get(period).effectiveDay() <= day) {
			period++;
		}
		return period;
	}

	/** The split of a period, as {@link #periodOn} numbers them. */
	public double[] weightsOf(int period) {
		return (period == 0) ? this.startingWeights.clone() : this.reallocations.get(period - 1).split();
	}

}
