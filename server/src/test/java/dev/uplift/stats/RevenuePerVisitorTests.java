package dev.uplift.stats;

import java.io.IOException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Revenue per visitor against {@code stats/revenue_reference.csv}, computed from the
 * per-visitor samples with scipy 1.17.1 by {@code stats/revenue_reference.py} (regenerate
 * from the repository root with
 * {@code python3 server/src/test/resources/stats/revenue_reference.py > server/src/test/resources/stats/revenue_reference.csv}).
 */
class RevenuePerVisitorTests {

	static Stream<Arguments> rows() throws IOException {
		return ReferenceRows.of("/stats/revenue_reference.csv");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rows")
	void compareWhenReferenceCaseMatchesScipy(String name, String[] row) {
		RevenueSample control = new RevenueSample(Long.parseLong(row[1]), Double.parseDouble(row[2]),
				Double.parseDouble(row[3]));
		RevenueSample treatment = new RevenueSample(Long.parseLong(row[4]), Double.parseDouble(row[5]),
				Double.parseDouble(row[6]));

		RevenueComparison comparison = RevenuePerVisitor.compare(control, treatment, Integer.parseInt(row[7]));

		assertThat(comparison.estimable()).isTrue();
		assertThat(comparison.lift()).as(row[0] + " lift").isCloseTo(Double.parseDouble(row[8]), within(1e-9));
		assertThat(comparison.pValue()).as(row[0] + " p").isCloseTo(Double.parseDouble(row[9]), within(1e-6));
		assertThat(comparison.confidenceInterval().low()).as(row[0] + " low")
			.isCloseTo(Double.parseDouble(row[10]), within(1e-6));
		assertThat(comparison.confidenceInterval().high()).as(row[0] + " high")
			.isCloseTo(Double.parseDouble(row[11]), within(1e-6));
		assertThat(comparison.significant()).isEqualTo(comparison.pValue() < 1 - Integer.parseInt(row[7]) / 100.0);
	}

	@Test
	void compareWhenControlHasNoRevenueIsNotEstimable() {
		RevenueComparison comparison = RevenuePerVisitor.compare(new RevenueSample(100, 0, 0),
				new RevenueSample(100, 500, 250_000), 95);

		assertThat(comparison.estimable()).isFalse();
		assertThat(comparison.pValue()).isEqualTo(1.0);
		assertThat(comparison.confidenceInterval()).isEqualTo(Interval.zero());
	}

	@Test
	void compareWhenTreatmentHasNoRevenueGivesMinus100WithoutFailing() {
		RevenueComparison comparison = RevenuePerVisitor.compare(new RevenueSample(50, 1_000, 40_000),
				new RevenueSample(50, 0, 0), 95);

		assertThat(comparison.estimable()).isTrue();
		assertThat(comparison.lift()).isEqualTo(-100.0);
		assertThat(comparison.confidenceInterval().low()).isEqualTo(-100.0);
	}

	@Test
	void compareWhenArmHasOneVisitorIsNotEstimable() {
		assertThat(RevenuePerVisitor.compare(new RevenueSample(1, 10, 100), new RevenueSample(10, 50, 500), 95)
			.estimable()).isFalse();
	}

}
