package dev.uplift.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented outputs of docs/statistics.md "Guards" for empty arms, zero rates and
 * zero weights.
 */
class StatisticsGuardTests {

	private static final StatisticsSettings FREQUENTIST = StatisticsSettings.of(false, 95);

	private static final StatisticsSettings BAYESIAN_WITH_PRIOR = new StatisticsSettings(true, 95, false, 5000,
			Prior.normal(0.1, 0.01));

	@Test
	void analyzeWhenControlHasNoConversionsReportsNoEvidence() {
		TreatmentStatistics treatment = analyze(FREQUENTIST, arm(100, 0), arm(100, 10)).treatments().get(0);

		assertNoEvidence(treatment);
		assertThat(treatment.sequential()).isTrue();
	}

	@Test
	void analyzeWhenPriorIsInformativeStillReportsNoEvidenceWithoutData() {
		assertNoEvidence(analyze(BAYESIAN_WITH_PRIOR, arm(0, 0), arm(0, 0)).treatments().get(0));
	}

	@Test
	void analyzeWhenTreatmentHasNoVisitorsReportsNoEvidenceForItAlone() {
		ExperimentStatistics result = analyze(FREQUENTIST, arm(1000, 100), arm(0, 0), arm(1000, 200));

		assertNoEvidence(result.treatments().get(0));
		assertThat(result.treatments().get(1).estimable()).isTrue();
		assertThat(result.treatments().get(1).significant()).isTrue();
		assertThat(result.hasAdjustedPValues()).isTrue();
	}

	@Test
	void analyzeWhenTreatmentConvertsNobodyGivesMinusHundredPercentWithPositiveWidth() {
		TreatmentStatistics treatment = analyze(FREQUENTIST, arm(200, 20), arm(200, 0)).treatments().get(0);

		assertThat(treatment.lift()).isEqualTo(-100);
		assertThat(treatment.confidenceInterval().low()).isLessThan(-100);
		assertThat(treatment.confidenceInterval().high()).isGreaterThan(-100);
		assertThat(treatment.significant()).isTrue();
	}

	@Test
	void analyzeWhenBothArmsConvertEveryoneGivesZeroLiftAndNoDecision() {
		TreatmentStatistics treatment = analyze(FREQUENTIST, arm(40, 40), arm(40, 40)).treatments().get(0);

		assertThat(treatment.estimable()).isTrue();
		assertThat(treatment.lift()).isZero();
		assertThat(treatment.pValue()).isEqualTo(1);
		assertThat(treatment.chanceToBeatControl()).isEqualTo(50);
		assertThat(treatment.confidenceInterval().high()).isPositive();
	}

	@Test
	void sampleRatioWhenZeroWeightArmIsEmptyLeavesItOutOfTheTest() {
		SampleRatioMismatch srm = Statistics
			.analyze(List.of(arm(1000, 10), arm(1000, 10), arm(0, 0)), new double[] { 1, 1, 0 }, FREQUENTIST)
			.srm();

		assertThat(srm.pValue()).isEqualTo(1);
		assertThat(srm.detected()).isFalse();
		assertThat(srm.expectedWeights()).containsExactly(0.5, 0.5, 0.0);
	}

	@Test
	void sampleRatioWhenZeroWeightArmHasVisitorsIsDetectedWithPValueZero() {
		SampleRatioMismatch srm = Statistics
			.analyze(List.of(arm(1000, 10), arm(1000, 10), arm(1, 0)), new double[] { 1, 1, 0 }, FREQUENTIST)
			.srm();

		assertThat(srm.pValue()).isZero();
		assertThat(srm.detected()).isTrue();
	}

	@Test
	void sampleRatioWhenOnlyOneArmHasWeightHasNothingToTest() {
		SampleRatioMismatch srm = Statistics
			.analyze(List.of(arm(1000, 10), arm(0, 0)), new double[] { 3, 0 }, FREQUENTIST)
			.srm();

		assertThat(srm.pValue()).isEqualTo(1);
		assertThat(srm.expectedWeights()).containsExactly(1.0, 0.0);
	}

	@Test
	void analyzeWhenOnlyControlReturnsNoTreatmentsAndAnSrmCheck() {
		ExperimentStatistics result = Statistics.analyze(List.of(arm(10, 1)), new double[] { 1 }, FREQUENTIST);

		assertThat(result.treatments()).isEmpty();
		assertThat(result.hasAdjustedPValues()).isFalse();
		assertThat(result.srm().pValue()).isEqualTo(1);
	}

	@Test
	void analyzeWhenCountsAreExtremeKeepsEveryNumberFinite() {
		long huge = 4_000_000_000_000L;
		assertAllFinite(analyze(FREQUENTIST, arm(huge, 1), arm(huge, huge - 1), arm(huge, 0), arm(1, 1)));
		assertAllFinite(analyze(BAYESIAN_WITH_PRIOR, arm(huge, 1), arm(1, 1), arm(huge, huge)));
	}

	@Test
	void analyzeWhenEverySmallCountCombinationRunsKeepsEveryNumberFinite() {
		List<ArmCounts> small = new ArrayList<>();
		for (int visitors = 0; visitors <= 4; visitors++) {
			for (int conversions = 0; conversions <= visitors; conversions++) {
				small.add(arm(visitors, conversions));
			}
		}
		for (StatisticsSettings settings : List.of(FREQUENTIST, BAYESIAN_WITH_PRIOR,
				new StatisticsSettings(false, 99, false, 1, Prior.flat()))) {
			for (ArmCounts control : small) {
				for (ArmCounts treatment : small) {
					assertAllFinite(analyze(settings, control, treatment));
				}
			}
		}
	}

	private static ExperimentStatistics analyze(StatisticsSettings settings, ArmCounts... arms) {
		double[] equalWeights = new double[arms.length];
		Arrays.fill(equalWeights, 1);
		return Statistics.analyze(List.of(arms), equalWeights, settings);
	}

	private static ArmCounts arm(long visitors, long conversions) {
		return new ArmCounts(visitors, conversions);
	}

	private static void assertNoEvidence(TreatmentStatistics treatment) {
		assertThat(treatment.estimable()).isFalse();
		assertThat(treatment.lift()).isZero();
		assertThat(treatment.pValue()).isEqualTo(1);
		assertThat(treatment.pValueAdjusted()).isEqualTo(1);
		assertThat(treatment.confidenceInterval()).isEqualTo(Interval.zero());
		assertThat(treatment.chanceToBeatControl()).isEqualTo(50);
		assertThat(treatment.credibleInterval()).isEqualTo(Interval.zero());
		assertThat(treatment.expectedLoss()).isZero();
		assertThat(treatment.significant()).isFalse();
	}

	private static void assertAllFinite(ExperimentStatistics result) {
		assertThat(Double.isFinite(result.srm().pValue())).isTrue();
		for (TreatmentStatistics treatment : result.treatments()) {
			assertThat(DoubleStream.of(treatment.lift(), treatment.chanceToBeatControl(), treatment.expectedLoss(),
					treatment.pValue(), treatment.pValueAdjusted(), treatment.confidenceInterval().low(),
					treatment.confidenceInterval().high(), treatment.credibleInterval().low(),
					treatment.credibleInterval().high()))
				.allMatch(Double::isFinite);
		}
	}

}
