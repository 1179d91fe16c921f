package dev.uplift.assignment;

/**
 * How one experiment splits its visitors: the hashing it was created under and its
 * traffic split.
 *
 * @param testId the experiment's {@code test_id}, positive (hash version 1 hashes it)
 * @param hashVersion {@link Bucketing#HASH_VERSION} or
 * {@link Bucketing#LEGACY_HASH_VERSION}
 * @param hashSeed the experiment's {@code hash_seed}, 1 to 100 characters (hash version 2
 * hashes it)
 * @param trafficAllocation percent of visitors included, 0 to 100
 * @param weights one non-negative weight per arm, Control first, not all zero; only their
 * ratios matter (a copy is kept; the accessor returns it, not to be changed)
 */
public record SplitRule(long testId, int hashVersion, String hashSeed, double trafficAllocation, double[] weights) {

	/** The longest {@code hash_seed} accepted. */
	public static final int MAX_SEED_LENGTH = 100;

	public SplitRule {
		if (testId <= 0) {
			throw new IllegalArgumentException("test id must be positive, got " + testId);
		}
		if (hashVersion != Bucketing.HASH_VERSION && hashVersion != Bucketing.LEGACY_HASH_VERSION) {
			throw new IllegalArgumentException("unknown hash version " + hashVersion);
		}
		if (hashSeed == null || hashSeed.isEmpty() || hashSeed.length() > MAX_SEED_LENGTH) {
			throw new IllegalArgumentException("hash seed must have 1 to " + MAX_SEED_LENGTH + " characters");
		}
		if (!(trafficAllocation >= 0 && trafficAllocation <= 100)) {
			throw new IllegalArgumentException(
					"traffic allocation must be between 0 and 100, got " + trafficAllocation);
		}
		requireWeights(weights);
		weights = weights.clone();
	}

	private static void requireWeights(double[] weights) {
		if (weights == null || weights.length == 0) {
			throw new IllegalArgumentException("weights must list at least one arm");
		}
		boolean anyPositive = false;
		for (double weight : weights) {
			if (!Double.isFinite(weight) || weight < 0) {
				throw new IllegalArgumentException("weights must be finite and non-negative, got " + weight);
			}
			anyPositive |= weight > 0;
		}
		if (!anyPositive) {
			throw new IllegalArgumentException("weights must not all be zero");
		}
	}

}
