package dev.uplift.stats;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Thompson sampling of a multi-armed bandit's split
 * (docs/statistics.md#multi-armed-bandits): each arm's conversion rate has the posterior
 * Beta(1 + conversions, 1 + visitors − conversions) of a uniform prior; an arm's share is
 * the fraction of joint draws in which it has the highest rate, mixed with an equal split
 * by the exploration share so that no arm falls below {@code exploration / arms}. Shares
 * are whole basis points summing to 10,000, the grid of the assignment hash, so an arm's
 * share of new visitors is exactly its weight.
 */
public final class ThompsonSampling {

	/** The basis points of a whole split. */
	public static final int WHOLE = 10_000;

	private ThompsonSampling() {
	}

	/**
	 * The split of new visitors, Control first.
	 * @param arms the counts of each arm on the primary goal, Control first, at least two
	 * @param draws joint draws from the posteriors, at least 1
	 * @param exploration the share spread evenly over the arms whatever the draws, 0 to 1
	 * @param random the source of the draws
	 * @return basis points per arm, summing to {@link #WHOLE}
	 */
	public static int[] allocate(List<ArmCounts> arms, int draws, double exploration, RandomGenerator random) {
		if (arms.size() < 2 || draws < 1 || !(exploration >= 0 && exploration <= 1)) {
			throw new IllegalArgumentException("Need two arms or more, draws >= 1 and exploration in [0, 1]: "
					+ arms.size() + " arms, " + draws + " draws, exploration " + exploration);
		}
		long[] wins = new long[arms.size()];
		for (int draw = 0; draw < draws; draw++) {
			int best = 0;
			double bestRate = -1;
			for (int arm = 0; arm < arms.size(); arm++) {
				ArmCounts counts = arms.get(arm);
				double rate = beta(1.0 + counts.conversions(), 1.0 + counts.visitors() - counts.conversions(), random);
				if (rate > bestRate) {
					best = arm;
					bestRate = rate;
				}
			}
			wins[best]++;
		}
		double[] shares = new double[arms.size()];
		for (int arm = 0; arm < shares.length; arm++) {
			shares[arm] = exploration / arms.size() + (1 - exploration) * wins[arm] / draws;
		}
		return basisPoints(shares);
	}

	/**
	 * Shares summing to 1 as whole basis points summing to {@link #WHOLE}: each share
	 * rounded down, and the points left over given to the largest remainders, the lower
	 * arm first on a tie.
	 */
	static int[] basisPoints(double[] shares) {
		int[] points = new int[shares.length];
		double[] remainders = new double[shares.length];
		int given = 0;
		for (int arm = 0; arm < shares.length; arm++) {
			double exact = shares[arm] * WHOLE;
			points[arm] = (int) Math.floor(exact);
			remainders[arm] = exact - points[arm];
			given += points[arm];
		}
		Integer[] order = new Integer[shares.length];
		Arrays.setAll(order, (arm) -> arm);
		Arrays.sort(order, (a, b) -> Double.compare(remainders[b], remainders[a]));
		for (int i = 0; given < WHOLE; i = (i + 1) % order.length) {
			points[order[i]]++;
			given++;
		}
		return points;
	}

	/** A draw from Beta(a, b), as the share of the first of two gamma draws. */
	static double beta(double a, double b, RandomGenerator random) {
		double x = gamma(a, random);
		double y = gamma(b, random);
		return x / (x + y);
	}

	/**
	 * A draw from Gamma(shape, 1) for a shape of at least 1 (Marsaglia and Tsang, ACM
	 * TOMS 26, 2000).
	 */
	static double gamma(double shape, RandomGenerator random) {
		double d = shape - 1.0 / 3;
		double c = 1 / Math.sqrt(9 * d);
		while (true) {
			double x = random.nextGaussian();
			double v = 1 + c * x;
			if (v <= 0) {
				continue;
			}
			v = v * v * v;
			double u = random.nextDouble();
			if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
				return d * v;
			}
		}
	}

}
