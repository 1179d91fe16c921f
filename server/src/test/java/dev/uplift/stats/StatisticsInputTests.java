package dev.uplift.stats;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Inputs that break the contracts of the statistics records are rejected with a message
 * naming the problem.
 */
class StatisticsInputTests {

	private static final List<ArmCounts> TWO_ARMS = List.of(new ArmCounts(10, 1), new ArmCounts(10, 2));

	@Test
	void armCountsWhenConversionsExceedVisitorsIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ArmCounts(3, 4)).withMessageContaining("exceed");
	}

	@Test
	void armCountsWhenNegativeIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ArmCounts(-1, 0)).withMessageContaining("negative");
	}

	@Test
	void settingsWhenThresholdOutsideFiftyToNinetyNineIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> StatisticsSettings.of(true, 49.9))
			.withMessageContaining("between 50 and 99");
		assertThatIllegalArgumentException().isThrownBy(() -> StatisticsSettings.of(true, 99.5));
		assertThatIllegalArgumentException().isThrownBy(() -> StatisticsSettings.of(true, Double.NaN));
	}

	@Test
	void settingsWhenTuningSampleSizeBelowOneIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StatisticsSettings(false, 95, true, 0, Prior.flat()))
			.withMessageContaining("Tuning");
	}

	@Test
	void settingsOfUsesSequentialDefaults() {
		StatisticsSettings settings = StatisticsSettings.of(false, 95);

		assertThat(settings.sequential()).isTrue();
		assertThat(settings.tuningSampleSize()).isEqualTo(5000);
		assertThat(settings.prior().isFlat()).isTrue();
		assertThat(settings.engine().apiName()).isEqualTo("frequentist");
		assertThat(settings.alpha()).isCloseTo(0.05, within(1e-15));
	}

	@Test
	void priorWhenVarianceNotPositiveOrInfiniteIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Prior.normal(0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> Prior.normal(0, Double.POSITIVE_INFINITY));
		assertThatIllegalArgumentException().isThrownBy(() -> Prior.normal(Double.NaN, 1));
	}

	@Test
	void analyzeWhenWeightsDoNotMatchArmsIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Statistics.analyze(TWO_ARMS, new double[] { 1 }, StatisticsSettings.of(false, 95)))
			.withMessageContaining("one weight per arm");
	}

	@Test
	void analyzeWhenWeightsAreAllZeroNegativeOrNotFiniteIsRejected() {
		for (double[] weights : List.of(new double[] { 0, 0 }, new double[] { 1, -1 }, new double[] { 1, Double.NaN },
				new double[] { 1, Double.POSITIVE_INFINITY })) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> Statistics.analyze(TWO_ARMS, weights, StatisticsSettings.of(false, 95)))
				.withMessageContaining("Weights");
		}
	}

	@Test
	void intervalWhenReversedOrNotFiniteIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Interval(1, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new Interval(Double.NEGATIVE_INFINITY, 0));
	}

}
