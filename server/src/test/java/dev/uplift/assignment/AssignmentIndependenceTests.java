package dev.uplift.assignment;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistical properties assignment promises (docs/assignment.md), on the kinds of
 * ids visitors really have: each split follows its weights, allocations take their share,
 * and concurrent experiments split independently of each other, whether their seeds are
 * neighbouring test ids or other neighbours. Every bound is 4 standard errors (or p =
 * 0.001 for the chi-square), on fixed ids, so a run cannot flake.
 */
class AssignmentIndependenceTests {

	private static final int VISITORS = 20_000;

	private static final double FOUR_STANDARD_ERRORS_OF_A_HALF = 4 * Math.sqrt(0.25 / VISITORS);

	// Chi-square critical value for 2 degrees of freedom at p = 0.001 (NIST/SEMATECH
	// e-Handbook, table 1.3.6.7.4).
	private static final double CHI_SQUARE_2_DF = 13.816;

	private static final int EXPERIMENTS = 5;

	private static final String[] NAMES = { "anna", "ben", "chloe", "david", "emma", "felix", "grace" };

	private static final String[] DOMAINS = { "example.com", "mail.example.org", "shop.example" };

	/**
	 * Ids as visitors have them: the browser script's, sequential database ids, and
	 * e-mail addresses.
	 */
	enum VisitorIds {

		RANDOM_UUID((i) -> {
			SplittableRandom random = new SplittableRandom(20261207L + i);
			return new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
					(random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
				.toString();
		}),

		SEQUENTIAL_USER((i) -> "user-" + (i + 1)),

		SEQUENTIAL_NUMBER((i) -> Integer.toString(i + 1)),

		EMAIL((i) -> NAMES[i % NAMES.length] + "." + (i / NAMES.length + 1) + "@" + DOMAINS[i % DOMAINS.length]);

		private final String[] ids;

		VisitorIds(IntFunction<String> id) {
			this.ids = new String[VISITORS];
			Arrays.setAll(this.ids, id);
		}

	}

	@ParameterizedTest
	@EnumSource(VisitorIds.class)
	void splitWhenFiftyFiftyIsWithinFourStandardErrorsOfAHalf(VisitorIds visitors) {
		for (SplitRule experiment : consecutiveTestIds(100, 1, 1)) {
			double control = share(visitors, experiment, 0);
			assertThat(Math.abs(control - 0.5))
				.as("%s, seed %s: control share %.4f", visitors, experiment.hashSeed(), control)
				.isLessThan(FOUR_STANDARD_ERRORS_OF_A_HALF);
		}
	}

	@ParameterizedTest
	@EnumSource(VisitorIds.class)
	void sameArmShareWhenConsecutiveTestIdsIsWithinFourStandardErrorsOfAHalf(VisitorIds visitors) {
		assertIndependent(visitors, consecutiveTestIds(100, 1, 1));
	}

	@ParameterizedTest
	@EnumSource(VisitorIds.class)
	void sameArmShareWhenConsecutiveSeedsIsWithinFourStandardErrorsOfAHalf(VisitorIds visitors) {
		SplitRule[] experiments = new SplitRule[EXPERIMENTS];
		Arrays.setAll(experiments, (i) -> new SplitRule(40 + i, Bucketing.HASH_VERSION, "pricing-page-" + (i + 1), 100,
				new double[] { 1, 1 }));
		assertIndependent(visitors, experiments);
	}

	@ParameterizedTest
	@EnumSource(VisitorIds.class)
	void allocationWhenTenPercentIncludesTenPercentWithinFourStandardErrors(VisitorIds visitors) {
		for (SplitRule experiment : consecutiveTestIds(10, 1, 1)) {
			int included = 0;
			for (String id : visitors.ids) {
				included += Bucketing.assign(experiment, id).isPresent() ? 1 : 0;
			}
			double share = (double) included / VISITORS;
			assertThat(Math.abs(share - 0.1)).as("%s, seed %s: included %.4f", visitors, experiment.hashSeed(), share)
				.isLessThan(4 * Math.sqrt(0.1 * 0.9 / VISITORS));
		}
	}

	@ParameterizedTest
	@EnumSource(VisitorIds.class)
	void chiSquareWhenThreeArmsTwentyThirtyFiftyDoesNotRejectAtOnePerThousand(VisitorIds visitors) {
		double[] weights = { 20, 30, 50 };
		for (SplitRule experiment : consecutiveTestIds(100, weights)) {
			int[] counts = new int[weights.length];
			for (String id : visitors.ids) {
				counts[Bucketing.assign(experiment, id).getAsInt()]++;
			}
			double statistic = 0;
			for (int arm = 0; arm < weights.length; arm++) {
				double expected = VISITORS * weights[arm] / 100;
				statistic += (counts[arm] - expected) * (counts[arm] - expected) / expected;
			}
			assertThat(statistic).as("%s, seed %s: counts %s", visitors, experiment.hashSeed(), Arrays.toString(counts))
				.isLessThan(CHI_SQUARE_2_DF);
		}
	}

	// The defect hash version 2 replaced, kept in view: neighbouring test ids put nearly
	// every visitor in the same arm of both experiments under the first scheme.
	@Test
	void legacyHashVersionWhenConsecutiveTestIdsConfoundsTheExperiments() {
		double[] weights = { 1, 1 };
		SplitRule first = new SplitRule(1, Bucketing.LEGACY_HASH_VERSION, "1", 100, weights);
		SplitRule second = new SplitRule(2, Bucketing.LEGACY_HASH_VERSION, "2", 100, weights);
		assertThat(sameArmShare(VisitorIds.RANDOM_UUID, first, second)).isGreaterThan(0.9);
	}

	private static void assertIndependent(VisitorIds visitors, SplitRule[] experiments) {
		for (int a = 0; a < experiments.length; a++) {
			for (int b = a + 1; b < experiments.length; b++) {
				double same = sameArmShare(visitors, experiments[a], experiments[b]);
				assertThat(Math.abs(same - 0.5))
					.as("%s, seeds %s and %s: same arm %.4f", visitors, experiments[a].hashSeed(),
							experiments[b].hashSeed(), same)
					.isLessThan(FOUR_STANDARD_ERRORS_OF_A_HALF);
			}
		}
	}

	/** Experiments 1 to 5 with their default seeds, their test ids. */
	private static SplitRule[] consecutiveTestIds(double allocation, double... weights) {
		SplitRule[] experiments = new SplitRule[EXPERIMENTS];
		Arrays.setAll(experiments,
				(i) -> new SplitRule(i + 1, Bucketing.HASH_VERSION, Integer.toString(i + 1), allocation, weights));
		return experiments;
	}

	private static double share(VisitorIds visitors, SplitRule experiment, int arm) {
		int count = 0;
		for (String id : visitors.ids) {
			count += (Bucketing.assign(experiment, id).getAsInt() == arm) ? 1 : 0;
		}
		return (double) count / VISITORS;
	}

	private static double sameArmShare(VisitorIds visitors, SplitRule first, SplitRule second) {
		int same = 0;
		for (String id : visitors.ids) {
			OptionalInt a = Bucketing.assign(first, id);
			same += a.equals(Bucketing.assign(second, id)) ? 1 : 0;
		}
		return (double) same / VISITORS;
	}

}
