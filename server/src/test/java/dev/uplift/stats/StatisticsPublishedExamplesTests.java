package dev.uplift.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Worked examples published in textbooks and handbooks, each named with its source next
 * to the numbers.
 */
class StatisticsPublishedExamplesTests {

	/**
	 * NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.5.3 "Two-Sample t-Test for
	 * Equal Means" (AUTO83B data, miles per gallon of 249 US and 79 Japanese cars): with
	 * unequal variances T = −12.94627 and ν = 136.8750.
	 */
	@Test
	void welchTestWhenNistCarMileageExampleReproducesStatisticAndDegreesOfFreedom() {
		double a = 6.41470 * 6.41470 / 249;
		double b = 6.10771 * 6.10771 / 79;
		double difference = 20.14458 - 30.48101;

		assertThat(difference / Math.sqrt(a + b)).isCloseTo(-12.94627, within(5e-6));
		assertThat(WelchTest.degreesOfFreedom(a, 249, b, 79)).isCloseTo(136.8750, within(5e-5));
		Inference inference = WelchTest.test(difference, a, 249, b, 79, 0.05);
		double criticalValue = (inference.interval().high() - difference) / Math.sqrt(a + b);
		assertThat(criticalValue).isCloseTo(1.977, within(1e-3));
		assertThat(inference.pValue()).isLessThan(1e-20);
		assertThat(inference.interval().high()).isNegative();
	}

	/**
	 * Mendel's dihybrid cross (Versuche über Pflanzen-Hybriden, 1866: 315 round yellow,
	 * 108 round green, 101 wrinkled yellow, 32 wrinkled green) against 9:3:3:1, the
	 * standard textbook goodness-of-fit example: X² = 0.470 on 3 degrees of freedom, P =
	 * 0.925.
	 */
	@Test
	void sampleRatioWhenMendelDihybridCrossFitsNineThreeThreeOne() {
		SampleRatioMismatch srm = SampleRatioTest.test(new long[] { 315, 108, 101, 32 }, new double[] { 9, 3, 3, 1 });

		assertThat(srm.pValue()).isCloseTo(0.925, within(5e-4));
		assertThat(srm.detected()).isFalse();
		assertThat(srm.expectedWeights()).containsExactly(0.5625, 0.1875, 0.1875, 0.0625);
	}

	/**
	 * Agresti, Categorical Data Analysis (2nd ed., §1.5.4 "Testing Mendel's theories"):
	 * 6022 yellow and 2001 green seeds against 3:1 give X² = 0.015 and P = 0.90.
	 */
	@Test
	void sampleRatioWhenMendelYellowGreenSeedsFitThreeToOne() {
		SampleRatioMismatch srm = SampleRatioTest.test(new long[] { 6022, 2001 }, new double[] { 75, 25 });

		assertThat(srm.pValue()).isCloseTo(0.90, within(5e-3));
		assertThat(srm.detected()).isFalse();
	}

	/**
	 * Holm (1979) applied to p = (0.01, 0.04, 0.03, 0.005): sorted 0.005, 0.01, 0.03,
	 * 0.04 become 4 × 0.005 = 0.02, 3 × 0.01 = 0.03, 2 × 0.03 = 0.06 and max(0.06, 1 ×
	 * 0.04) = 0.06 (the example of Wikipedia's "Holm–Bonferroni method" article).
	 */
	@Test
	void holmWhenFourHypothesesStepsDownAndStaysMonotone() {
		double[] adjusted = HolmAdjustment.adjust(new double[] { 0.01, 0.04, 0.03, 0.005 });

		assertThat(adjusted).containsExactly(new double[] { 0.03, 0.06, 0.06, 0.02 }, within(1e-15));
	}

}
