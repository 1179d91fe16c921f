package dev.uplift.experiment;

import java.util.List;

/**
 * One re-allocation of a multi-armed bandit: the split that takes effect at the start of
 * a day of the project's zone, and the primary goal's counts it was drawn from
 * (docs/statistics.md#multi-armed-bandits).
 *
 * @param effectiveDay the day (epoch day in the project's zone) from whose start it is in
 * force
 * @param effectiveAt the start of that day (epoch ms)
 * @param computedAt when it was drawn (epoch ms)
 * @param weights basis points per arm, Control first, summing to 10,000
 * @param visitors the primary goal's visitors per arm it was drawn from
 * @param conversions the primary goal's converted visitors per arm
 */
public record Reallocation(long effectiveDay, long effectiveAt, long computedAt, List<Integer> weights,
		List<Long> visitors, List<Long> conversions) {

	public Reallocation {
		weights = List.copyOf(weights);
		visitors = List.copyOf(visitors);
		conversions = List.copyOf(conversions);
		if (weights.size() != visitors.size() || weights.size() != conversions.size()) {
			throw new IllegalArgumentException("One weight and count per arm");
		}
	}

	/** The weights as numbers, Control first. */
	public double[] split() {
		return this.weights.stream().mapToDouble(Integer::doubleValue).toArray();
	}

}
