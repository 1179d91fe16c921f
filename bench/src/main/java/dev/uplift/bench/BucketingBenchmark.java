package dev.uplift.bench;

import java.util.concurrent.TimeUnit;

import dev.uplift.assignment.Bucketing;
import dev.uplift.assignment.SplitRule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The time to bucket one visitor: traffic allocation and arm, as the SDK route and the
 * snippet do, under the current hash version and, as the baseline of the same run, the
 * first one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BucketingBenchmark {

	private static final double[] WEIGHTS = { 1, 1, 1 };

	private final SplitRule current = new SplitRule(1234, Bucketing.HASH_VERSION, "homepage-cta", 90, WEIGHTS);

	private final SplitRule legacy = new SplitRule(1234, Bucketing.LEGACY_HASH_VERSION, "1234", 90, WEIGHTS);

	private final String[] visitors = new String[1024];

	private int next;

	public BucketingBenchmark() {
		for (int i = 0; i < this.visitors.length; i++) {
			this.visitors[i] = "v" + Long.toHexString(0x9E3779B97F4A7C15L * (i + 1));
		}
	}

	/**
	 * Hash version 2: one hash decides inclusion and arm of a three-arm experiment at 90
	 * % allocation.
	 */
	@Benchmark
	public int assign() {
		return Bucketing.assign(this.current, this.visitors[this.next++ & 1023]).orElse(-1);
	}

	/** Hash version 1 on the same experiment: the baseline. */
	@Benchmark
	public int assignLegacy() {
		return Bucketing.assign(this.legacy, this.visitors[this.next++ & 1023]).orElse(-1);
	}

	/** GrowthBook's hash version 2 alone, of a typical seed and id. */
	@Benchmark
	public double hash() {
		return Bucketing.hash("homepage-cta", this.visitors[this.next++ & 1023]);
	}

}
