package dev.uplift.stats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every treatment of every case in {@code stats/reference.csv}, computed independently
 * with scipy 1.17.1 by {@code stats/reference.py} (regenerate from the repository root
 * with
 * {@code python3 server/src/test/resources/stats/reference.py > server/src/test/resources/stats/reference.csv}).
 */
class StatisticsReferenceTests {

	private static final double CLOSED_FORM = 1e-9;

	private static final double DISTRIBUTION = 1e-6;

	static Stream<Row> rows() throws IOException {
		try (InputStream in = StatisticsReferenceTests.class.getResourceAsStream("/stats/reference.csv");
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			return reader.lines().skip(1).map(Row::parse).toList().stream();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rows")
	void analyzeWhenReferenceCaseMatchesScipy(Row row) {
		ExperimentStatistics result = Statistics.analyze(row.arms(), row.weights(), row.settings());
		TreatmentStatistics actual = result.treatments().get(row.treatment() - 1);

		assertThat(result.treatments()).hasSize(row.arms().size() - 1);
		assertThat(actual.variantIndex()).isEqualTo(row.treatment());
		assertThat(actual.estimable()).isEqualTo(row.flag("estimable"));
		assertThat(actual.sequential()).isEqualTo(row.settings().sequential());
		assertClose(actual.lift(), row.number("lift"), CLOSED_FORM);
		assertClose(actual.pValue(), row.number("p_value"), DISTRIBUTION);
		assertClose(actual.confidenceInterval().low(), row.number("ci_low"), DISTRIBUTION);
		assertClose(actual.confidenceInterval().high(), row.number("ci_high"), DISTRIBUTION);
		assertClose(actual.pValueAdjusted(), row.number("p_value_adjusted"), DISTRIBUTION);
		assertClose(actual.chanceToBeatControl(), row.number("chance"), DISTRIBUTION);
		assertClose(actual.credibleInterval().low(), row.number("cred_low"), DISTRIBUTION);
		assertClose(actual.credibleInterval().high(), row.number("cred_high"), DISTRIBUTION);
		assertClose(actual.expectedLoss(), row.number("expected_loss"), DISTRIBUTION);
		assertThat(actual.significant()).isEqualTo(row.flag("significant"));
		assertClose(result.srm().pValue(), row.number("srm_p_value"), DISTRIBUTION);
		assertThat(result.srm().detected()).isEqualTo(row.flag("srm_detected"));
		assertThat(result.engine()).isEqualTo(row.settings().engine());
	}

	/**
	 * Relative tolerance, with an absolute floor far below any reported digit for values
	 * that are (nearly) 0.
	 */
	private static void assertClose(double actual, double expected, double relative) {
		assertThat(actual).isCloseTo(expected, within(relative * Math.max(Math.abs(expected), 1e-12)));
	}

	record Row(String name, String[] cells) {

		private static final List<String> HEADER = List.of("case", "arms", "weights", "bayesian", "threshold",
				"sequential", "n_star", "prior_mean", "prior_variance", "treatment", "estimable", "lift", "p_value",
				"ci_low", "ci_high", "p_value_adjusted", "chance", "cred_low", "cred_high", "expected_loss",
				"significant", "srm_p_value", "srm_detected");

		static Row parse(String line) {
			String[] cells = line.split(",", -1);
			return new Row(cells[0] + " #" + cells[9], cells);
		}

		String cell(String column) {
			return this.cells[HEADER.indexOf(column)];
		}

		double number(String column) {
			return Double.parseDouble(cell(column));
		}

		boolean flag(String column) {
			return "1".equals(cell(column));
		}

		int treatment() {
			return Integer.parseInt(cell("treatment"));
		}

		List<ArmCounts> arms() {
			return Arrays.stream(cell("arms").split(" "))
				.map((arm) -> arm.split("/"))
				.map((counts) -> new ArmCounts(Long.parseLong(counts[0]), Long.parseLong(counts[1])))
				.toList();
		}

		double[] weights() {
			return Arrays.stream(cell("weights").split(" ")).mapToDouble(Double::parseDouble).toArray();
		}

		StatisticsSettings settings() {
			Prior prior = cell("prior_variance").isEmpty() ? Prior.flat()
					: Prior.normal(number("prior_mean"), number("prior_variance"));
			return new StatisticsSettings(flag("bayesian"), number("threshold"), flag("sequential"),
					Long.parseLong(cell("n_star")), prior);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
