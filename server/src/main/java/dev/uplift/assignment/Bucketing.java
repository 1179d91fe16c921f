package dev.uplift.assignment;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * Deterministic, stateless assignment of visitors to experiments and arms by 32-bit FNV-1a hashes
 * (Fowler–Noll–Vo, IETF draft-eastlake-fnv), exactly as {@code api.md} §5 and the browser script do it.
 */
public final class Bucketing {

	private static final int FNV_OFFSET_BASIS = 0x811C9DC5;

	private static final int FNV_PRIME = 0x01000193;

	private static final double TWO_TO_THE_32 = 4294967296.0;

	private Bucketing() {
	}

	/**
	 * The 32-bit FNV-1a hash of the text's UTF-8 bytes, as an unsigned value in {@code [0, 2^32)}.
	 * @param text any string; a lone surrogate is encoded as {@code ?}, as {@link String#getBytes} does
	 * @return the hash
	 */
	public static long fnv1a32(String text) {
		int hash = FNV_OFFSET_BASIS;
		for (byte octet : text.getBytes(StandardCharsets.UTF_8)) {
			hash ^= (octet & 0xFF);
			hash *= FNV_PRIME;
		}
		return Integer.toUnsignedLong(hash);
	}

	/**
	 * The arm a visitor sees, or empty when the traffic allocation leaves them out of the experiment.
	 * @param testId the experiment's {@code test_id}, positive
	 * @param visitorId the visitor's id, not empty
	 * @param trafficAllocationPercent percent of visitors included, 0 to 100
	 * @param weights one non-negative weight per arm, Control first, not all zero
	 * @return the arm index (0 is Control), the API's {@code variant_id}
	 */
	public static OptionalInt assign(long testId, String visitorId, double trafficAllocationPercent,
			double[] weights) {
		requireWeights(weights);
		if (!isIncluded(testId, visitorId, trafficAllocationPercent)) {
			return OptionalInt.empty();
		}
		return OptionalInt.of(arm(testId, visitorId, weights));
	}

	/**
	 * Whether the traffic allocation includes the visitor: {@code fnv1a32(testId + ":" + visitorId) / 2^32}
	 * is below {@code trafficAllocationPercent / 100}.
	 * @param testId the experiment's {@code test_id}, positive
	 * @param visitorId the visitor's id, not empty
	 * @param trafficAllocationPercent percent of visitors included, 0 to 100
	 * @return whether the visitor takes part
	 */
	public static boolean isIncluded(long testId, String visitorId, double trafficAllocationPercent) {
		requireKeys(testId, visitorId);
		if (!(trafficAllocationPercent >= 0 && trafficAllocationPercent <= 100)) {
			throw new IllegalArgumentException(
					"traffic allocation must be between 0 and 100, got " + trafficAllocationPercent);
		}
		return unit(testId + ":" + visitorId) < trafficAllocationPercent / 100;
	}

	/**
	 * The arm of an included visitor, chosen by {@code fnv1a32(visitorId + ":" + testId) / 2^32}.
	 * @param testId the experiment's {@code test_id}, positive
	 * @param visitorId the visitor's id, not empty
	 * @param weights one non-negative weight per arm, Control first, not all zero
	 * @return the arm index (0 is Control)
	 */
	public static int arm(long testId, String visitorId, double[] weights) {
		requireKeys(testId, visitorId);
		requireWeights(weights);
		return armAt(unit(visitorId + ":" + testId), weights);
	}

	/**
	 * The arm whose interval {@code [c(i-1), c(i))} holds the point, with {@code c(i)} the running sum of the
	 * weights up to arm i divided by their total; an arm of weight 0 has an empty interval.
	 * @param point a number in {@code [0, 1)}
	 * @param weights valid weights, as checked by {@link #arm}
	 * @return the arm index
	 */
	static int armAt(double point, double[] weights) {
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
		// Unreachable for a point below 1, since the last positive arm ends at total / total = 1.
		return lastPositive;
	}

	private static double unit(String key) {
		return fnv1a32(key) / TWO_TO_THE_32;
	}

	private static void requireKeys(long testId, String visitorId) {
		if (testId <= 0) {
			throw new IllegalArgumentException("test id must be positive, got " + testId);
		}
		if (visitorId == null || visitorId.isEmpty()) {
			throw new IllegalArgumentException("visitor id must not be empty");
		}
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
