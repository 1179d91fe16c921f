package dev.uplift.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.uplift.stats.ArmCounts;
import dev.uplift.stats.ExperimentStatistics;
import dev.uplift.stats.Prior;
import dev.uplift.stats.Statistics;
import dev.uplift.stats.StatisticsSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The time to compute every statistic of a 10-variant experiment (Control and nine
 * treatments), per engine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StatisticsBenchmark {

	private final List<ArmCounts> arms = List.of(new ArmCounts(10_000, 1_000), new ArmCounts(10_000, 1_010),
			new ArmCounts(10_000, 1_100), new ArmCounts(10_000, 950), new ArmCounts(10_000, 1_000),
			new ArmCounts(10_000, 1_200), new ArmCounts(10_000, 990), new ArmCounts(10_000, 1_050),
			new ArmCounts(10_000, 900), new ArmCounts(9_800, 1_020));

	private final double[] weights = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };

	private final StatisticsSettings sequentialFrequentist = StatisticsSettings.of(false, 95);

	private final StatisticsSettings fixedSampleBayesian = new StatisticsSettings(true, 95, false,
			StatisticsSettings.DEFAULT_TUNING_SAMPLE_SIZE, Prior.normal(0, 0.04));

	/** Default settings: sequential confidence sequences, flat prior. */
	@Benchmark
	public ExperimentStatistics analyzeTenVariantsSequential() {
		return Statistics.analyze(this.arms, this.weights, this.sequentialFrequentist);
	}

	/** Fixed-sample Welch tests (Student t quantiles) and a normal prior. */
	@Benchmark
	public ExperimentStatistics analyzeTenVariantsFixedSample() {
		return Statistics.analyze(this.arms, this.weights, this.fixedSampleBayesian);
	}

}
