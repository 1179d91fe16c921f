package dev.uplift.assignment;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Deterministic, stateless assignment of visitors to experiments and arms, as
 * docs/assignment.md describes it and the browser script does it.
 * <p>
 * Hash version 2 is GrowthBook's:
 * {@code hash(seed, id) = (fnv1a32(decimal(fnv1a32(seed + id))) mod 10000) /
 * 10000}, and one such hash decides both inclusion and arm through bucket ranges. Hash
 * version 1 is the scheme of Uplift's first releases (one FNV-1a pass over
 * {@code test_id:visitor_id} for inclusion and {@code visitor_id:test_id} for the arm),
 * kept only so that experiments created under it never reshuffle. Its neighbouring test
 * ids put most visitors in the same arm of both experiments (docs/assignment.md).
 */
public final class Bucketing {

	/** The scheme of Uplift's first releases. */
	public static final int LEGACY_HASH_VERSION = 1;

	/**
	 * GrowthBook's hash version 2 with its bucket ranges; every new experiment uses it.
	 */
	public static final int HASH_VERSION = 2;

	private static final int FNV_OFFSET_BASIS = 0x811C9DC5;

	private static final int FNV_PRIME = 0x01000193;

	private static final double TWO_TO_THE_32 = 4294967296.0;

	private static final int BUCKETS = 10_000;

	private Bucketing() {
	}

	/**
	 * The 32-bit FNV-1a hash of the text's UTF-8 bytes, as an unsigned value in
	 * {@code [0, 2^32)}.
	 * @param text any string; a lone surrogate is encoded as {@code ?}, as
	 * {@link String#getBytes} does
	 * @return the hash
	 */
	public static long fnv1a32(String text) {
		return Integer.toUnsignedLong(fnv1a32(FNV_OFFSET_BASIS, text));
	}

	/**
	 * GrowthBook's hash version 2 of a visitor under a seed: a number in {@code [0, 1)}
	 * on a grid of 1/10000.
	 * @param seed the experiment's {@code hash_seed}, or an exclusion group's seed
	 * @param id the visitor's id
	 * @return {@code (fnv1a32(decimal(fnv1a32(seed + id))) mod 10000) / 10000}
	 */
	public static double hash(String seed, String id) {
		int inner = fnv1a32(fnv1a32(FNV_OFFSET_BASIS, seed), id);
		int outer = fnv1a32Decimal(Integer.toUnsignedLong(inner));
		return (Integer.toUnsignedLong(outer) % BUCKETS) / (double) BUCKETS;
	}

	/**
	 * GrowthBook's {@code getBucketRanges}: arm i covers
	 * {@code [s_i, s_i + coverage * w_i)} with {@code s_i} the sum of the weights before
	 * it. Coverage is clamped to {@code [0, 1]}; weights that are missing, of another
	 * length than the arms, or whose sum is outside {@code [0.99, 1.01]} are replaced by
	 * equal ones.
	 * @param variations the number of arms, Control included
	 * @param coverage the share of visitors included
	 * @param weights one weight per arm summing to about 1, or null for equal weights
	 * @return {@code [start, end)} per arm
	 */
	public static double[][] bucketRanges(int variations, double coverage, double[] weights) {
		double clamped = Math.min(1, Math.max(0, coverage));
		double[] used = (weights != null && weights.length == variations) ? weights : equalWeights(variations);
		double total = 0;
		for (double weight : used) {
			total += weight;
		}
		if (total < 0.99 || total > 1.01) {
			used = equalWeights(variations);
		}
		double[][] ranges = new double[variations][];
		double cumulative = 0;
		for (int i = 0; i < variations; i++) {
			double start = cumulative;
			cumulative += used[i];
			ranges[i] = new double[] { start, start + clamped * used[i] };
		}
		return ranges;
	}

	/**
	 * GrowthBook's {@code chooseVariation}: the first arm whose range holds the point, or
	 * -1.
	 * @param point a hash in {@code [0, 1)}
	 * @param ranges the arms' ranges, as {@link #bucketRanges} gives them
	 * @return the arm index, or -1 when no range holds the point
	 */
	public static int chooseVariation(double point, double[][] ranges) {
		for (int i = 0; i < ranges.length; i++) {
			if (point >= ranges[i][0] && point < ranges[i][1]) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The arm a visitor sees, or empty when the traffic allocation leaves them out of the
	 * experiment.
	 * @param rule the experiment's hashing and traffic split
	 * @param visitorId the visitor's id, not empty
	 * @return the arm index (0 is Control), the API's {@code variant_id}
	 */
	public static OptionalInt assign(SplitRule rule, String visitorId) {
		if (visitorId == null || visitorId.isEmpty()) {
			throw new IllegalArgumentException("visitor id must not be empty");
		}
		double[] weights = rule.weights();
		if (rule.hashVersion() == LEGACY_HASH_VERSION) {
			return legacyAssign(rule.testId(), visitorId, rule.trafficAllocation(), weights);
		}
		int arm = chooseVariation(hash(rule.hashSeed(), visitorId),
				bucketRanges(weights.length, rule.trafficAllocation() / 100, normalised(weights)));
		return (arm < 0) ? OptionalInt.empty() : OptionalInt.of(arm);
	}

	/**
	 * The seed of a served winner's rollout, apart from the experiment's own so that who
	 * gets the winner does not depend on the arm a visitor had (docs/assignment.md).
	 * @param hashSeed the experiment's {@code hash_seed}
	 * @return {@code "__serving_" + hashSeed}
	 */
	public static String servingSeed(String hashSeed) {
		return "__serving_" + hashSeed;
	}

	/**
	 * Whether a visitor is in the rollout share of a served winner: the bucket range
	 * {@code [0, rollout / 100)} of the hash under {@link #servingSeed}. Raising the
	 * rollout only adds visitors.
	 * @param hashSeed the experiment's {@code hash_seed}
	 * @param visitorId the visitor's id, not empty
	 * @param rolloutPercent the share of visitors who get the winner, 0 to 100
	 * @return whether this visitor gets the winner
	 */
	public static boolean inRollout(String hashSeed, String visitorId, double rolloutPercent) {
		if (visitorId == null || visitorId.isEmpty()) {
			throw new IllegalArgumentException("visitor id must not be empty");
		}
		return hash(servingSeed(hashSeed), visitorId) < rolloutPercent / 100;
	}

	/**
	 * Weights divided by their sum, in order, as the browser script and the vector
	 * generator compute them.
	 */
	static double[] normalised(double[] weights) {
		double total = 0;
		for (double weight : weights) {
			total += weight;
		}
		double[] shares = new double[weights.length];
		for (int i = 0; i < weights.length; i++) {
			shares[i] = weights[i] / total;
		}
		return shares;
	}

	private static double[] equalWeights(int variations) {
		double[] weights = new double[Math.max(0, variations)];
		Arrays.fill(weights, 1.0 / variations);
		return weights;
	}

	/**
	 * Hash version 1: inclusion by {@code test_id:visitor_id}, then the arm by
	 * {@code visitor_id:test_id}.
	 */
	private static OptionalInt legacyAssign(long testId, String visitorId, double trafficAllocation, double[] weights) {
		if (fnv1a32(testId + ":" + visitorId) / TWO_TO_THE_32 >= trafficAllocation / 100) {
			return OptionalInt.empty();
		}
		return OptionalInt.of(legacyArmAt(fnv1a32(visitorId + ":" + testId) / TWO_TO_THE_32, weights));
	}

	/**
	 * Hash version 1's arm: the arm whose interval {@code [c(i-1), c(i))} holds the
	 * point, with {@code c(i)} the running sum of the weights up to arm i divided by
	 * their total; an arm of weight 0 has an empty interval.
	 */
	static int legacyArmAt(double point, double[] weights) {
		double total = 0;
		for (double weight : weights) {
			total += weight;
		}
		double runningSum = 0;
		int lastPositive = 0;
		for (int i = 0; i < weights.length; i++) {
			runningSum += weights[i];
			if (weights[i] > 0) {
				lastPositive = i;
				if (point < runningSum / total) {
					return i;
				}
			}
		}
		// Unreachable for a point below 1, since the last positive arm ends at total /
		// total = 1.
		return lastPositive;
	}

	/**
	 * FNV-1a continued over the UTF-8 bytes of the text, without encoding it into an
	 * array first.
	 */
	private static int fnv1a32(int hash, String text) {
		int h = hash;
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				h = (h ^ c) * FNV_PRIME;
			}
			else if (c < 0x800) {
				h = (h ^ (0xC0 | (c >> 6))) * FNV_PRIME;
				h = (h ^ (0x80 | (c & 0x3F))) * FNV_PRIME;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
				int cp = Character.toCodePoint(c, text.charAt(++i));
				h = (h ^ (0xF0 | (cp >> 18))) * FNV_PRIME;
				h = (h ^ (0x80 | ((cp >> 12) & 0x3F))) * FNV_PRIME;
				h = (h ^ (0x80 | ((cp >> 6) & 0x3F))) * FNV_PRIME;
				h = (h ^ (0x80 | (cp & 0x3F))) * FNV_PRIME;
			}
			else if (Character.isSurrogate(c)) {
				h = (h ^ '?') * FNV_PRIME;
			}
			else {
				h = (h ^ (0xE0 | (c >> 12))) * FNV_PRIME;
				h = (h ^ (0x80 | ((c >> 6) & 0x3F))) * FNV_PRIME;
				h = (h ^ (0x80 | (c & 0x3F))) * FNV_PRIME;
			}
		}
		return h;
	}

	/**
	 * FNV-1a of the decimal digits of an unsigned 32-bit value, without writing the
	 * string.
	 */
	private static int fnv1a32Decimal(long value) {
		long divisor = 1;
		while (divisor * 10 <= value) {
			divisor *= 10;
		}
		int h = FNV_OFFSET_BASIS;
		for (long rest = value; divisor > 0; divisor /= 10) {
			h = (h ^ ('0' + (int) (rest / divisor))) * FNV_PRIME;
			rest %= divisor;
		}
		return h;
	}

}
