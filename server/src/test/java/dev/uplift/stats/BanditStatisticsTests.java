package dev.uplift.stats;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The statistics of multi-armed bandits against scipy 1.17.1: the sample-ratio check over
 * periods of different splits ({@code stats/bandit_srm_reference.csv}) and the shares of
 * Thompson sampling ({@code stats/thompson_reference.csv}), each written by the script of
 * the same name (regenerate from the repository root with
 * {@code python3 server/src/test/resources/stats/bandit_srm_reference.py > server/src/test/resources/stats/bandit_srm_reference.csv},
 * and likewise for {@code thompson_reference}).
 */
class BanditStatisticsTests {

	private static final StatisticsSettings SETTINGS = new StatisticsSettings(true, 95, false,
			StatisticsSettings.DEFAULT_TUNING_SAMPLE_SIZE, Prior.flat());

	static Stream<Arguments> srmRows() throws IOException {
		return ReferenceRows.of("/stats/bandit_srm_reference.csv");
	}

	static Stream<Arguments> rateRows() throws IOException {
		return ReferenceRows.of("/stats/bandit_rates_reference.csv");
	}

	static Stream<Arguments> thompsonRows() throws IOException {
		return ReferenceRows.of("/stats/thompson_reference.csv");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("srmRows")
	void sampleRatioWhenSplitsChangedMatchesScipy(String name, String[] row) {
		List<EntryPeriod> periods = Arrays.stream(row[1].split("\\|")).map((period) -> {
			String[] parts = period.split(":");
			long[] visitors = longs(parts[0]);
			return new EntryPeriod(visitors, new long[visitors.length], doubles(parts[1]));
		}).toList();
		long[] visitors = new long[periods.get(0).weights().length];
		periods.forEach((period) -> Arrays.setAll(visitors, (arm) -> visitors[arm] + period.visitors()[arm]));
		List<ArmCounts> arms = Arrays.stream(visitors).mapToObj((count) -> new ArmCounts(count, 0)).toList();

		SampleRatioMismatch srm = Statistics.analyze(arms, periods, SETTINGS, 0).srm();

		double expected = Double.parseDouble(row[3]);
		assertThat(srm.pValue()).as(name).isCloseTo(expected, within(Math.max(1e-12, expected * 1e-9)));
		assertThat(srm.detected()).isEqualTo(expected < SampleRatioMismatch.DETECTION_LEVEL);
		double[] shares = doubles(row[4]);
		for (int arm = 0; arm < shares.length; arm++) {
			assertThat(srm.expectedWeights().get(arm)).as(name + " share " + arm).isCloseTo(shares[arm], within(1e-12));
		}
	}

	@Test
	void sampleRatioWhenOnePeriodIsPearsonsAgainstItsSplit() {
		List<ArmCounts> arms = List.of(new ArmCounts(5050, 0), new ArmCounts(4950, 0));

		SampleRatioMismatch byPeriod = Statistics
			.analyze(arms, List.of(new EntryPeriod(new long[] { 5050, 4950 }, new long[2], new double[] { 1, 1 })),
					SETTINGS, 0)
			.srm();

		assertThat(byPeriod).isEqualTo(Statistics.analyze(arms, new double[] { 1, 1 }, SETTINGS).srm());
	}

	@Test
	void sampleRatioWhenPoolingTheSplitsWouldHideTheDriftDetectsLess() {
		// Pearson's statistic against the pooled shares (0.3, 0.7) is 8.57, p = 0.0034:
		// it
		// takes the periods' variance for a multinomial's and is too lenient.
		SampleRatioMismatch pooled = SampleRatioTest.test(new long[] { 660, 1340 }, new double[] { 0.3, 0.7 });
		SampleRatioMismatch byPeriod = SampleRatioTest
			.test(List.of(new EntryPeriod(new long[] { 520, 480 }, new long[2], new double[] { 1, 1 }),
					new EntryPeriod(new long[] { 140, 860 }, new long[2], new double[] { 1000, 9000 })));

		assertThat(pooled.pValue()).isCloseTo(0.0034148, within(1e-7));
		assertThat(byPeriod.pValue()).isLessThan(pooled.pValue());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rateRows")
	void comparisonWhenSplitsChangedWeighsEachPeriodByItsVisitors(String name, String[] row) {
		List<EntryPeriod> periods = Arrays.stream(row[1].split("\\|")).map((period) -> {
			String[] parts = period.split(":");
			long[] counts = longs(parts[0]);
			return new EntryPeriod(new long[] { counts[0], counts[2] }, new long[] { counts[1], counts[3] },
					doubles(parts[1]));
		}).toList();
		long[][] pooled = new long[2][2];
		periods.forEach((period) -> {
			for (int arm = 0; arm < 2; arm++) {
				pooled[arm][0] += period.visitors()[arm];
				pooled[arm][1] += period.conversions()[arm];
			}
		});
		List<ArmCounts> arms = List.of(new ArmCounts(pooled[0][0], pooled[0][1]),
				new ArmCounts(pooled[1][0], pooled[1][1]));
		StatisticsSettings frequentist = new StatisticsSettings(false, 95, false,
				StatisticsSettings.DEFAULT_TUNING_SAMPLE_SIZE, Prior.flat());

		TreatmentStatistics treatment = Statistics.analyze(arms, periods, frequentist, 0).treatments().get(0);

		assertThat(treatment.lift()).as(name + " lift").isCloseTo(Double.parseDouble(row[2]), within(1e-9));
		assertThat(treatment.pValue()).as(name + " p").isCloseTo(Double.parseDouble(row[3]), within(1e-9));
		assertThat(treatment.confidenceInterval().low()).as(name + " low")
			.isCloseTo(Double.parseDouble(row[4]), within(1e-7));
		assertThat(treatment.confidenceInterval().high()).as(name + " high")
			.isCloseTo(Double.parseDouble(row[5]), within(1e-7));
		// Pooled, the same counts read otherwise: in "simpson" a lift of 114% from a
		// drift.
		assertThat(Statistics.analyze(arms, new double[] { 1, 1 }, frequentist).treatments().get(0).lift())
			.as(name + " pooled lift")
			.isCloseTo(Double.parseDouble(row[6]), within(1e-9));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("thompsonRows")
	void thompsonSharesWhenManyDrawsMatchTheProbabilityOfBeingBest(String name, String[] row) {
		List<ArmCounts> arms = Arrays.stream(row[1].split(" "))
			.map((arm) -> arm.split(":"))
			.map((counts) -> new ArmCounts(Long.parseLong(counts[0]), Long.parseLong(counts[1])))
			.toList();
		double[] best = doubles(row[2]);

		int[] points = ThompsonSampling.allocate(arms, 200_000, 0, new SplittableRandom(7));

		assertThat(Arrays.stream(points).sum()).isEqualTo(ThompsonSampling.WHOLE);
		for (int arm = 0; arm < best.length; arm++) {
			// Four standard errors of 200,000 draws, at most 0.0045, and a basis point.
			assertThat(points[arm] / 10_000.0).as(name + " arm " + arm).isCloseTo(best[arm], within(0.0046));
		}
	}

	@Test
	void thompsonWhenOneArmIsFarBetterKeepsTheExplorationFloor() {
		List<ArmCounts> arms = List.of(new ArmCounts(1000, 10), new ArmCounts(1000, 200), new ArmCounts(1000, 12));

		int[] points = ThompsonSampling.allocate(arms, 10_000, 0.3, new SplittableRandom(1));

		assertThat(points).containsExactly(1000, 8000, 1000);
	}

	@Test
	void thompsonWhenTheSameSourceIsDeterministic() {
		List<ArmCounts> arms = List.of(new ArmCounts(500, 50), new ArmCounts(500, 55));

		assertThat(ThompsonSampling.allocate(arms, 1000, 0.2, new SplittableRandom(42)))
			.containsExactly(ThompsonSampling.allocate(arms, 1000, 0.2, new SplittableRandom(42)));
	}

	@Test
	void basisPointsWhenSharesDoNotRoundEvenlyStillSumToTheWhole() {
		assertThat(ThompsonSampling.basisPoints(new double[] { 1 / 3.0, 1 / 3.0, 1 / 3.0 })).containsExactly(3334, 3333,
				3333);
		assertThat(ThompsonSampling.basisPoints(new double[] { 0.25004, 0.74996 })).containsExactly(2500, 7500);
	}

	@Test
	void thompsonWhenOneArmIsGivenIsRefused() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(
					() -> ThompsonSampling.allocate(List.of(new ArmCounts(1, 0)), 10, 0.2, new SplittableRandom(1)));
	}

	private static long[] longs(String text) {
		return Arrays.stream(text.split(" ")).mapToLong(Long::parseLong).toArray();
	}

	private static double[] doubles(String text) {
		return Arrays.stream(text.split(" ")).mapToDouble(Double::parseDouble).toArray();
	}

}
