package dev.uplift.bench;

import java.util.concurrent.TimeUnit;

import dev.uplift.assignment.Bucketing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The time to bucket one visitor: traffic allocation and arm, as the SDK route and the snippet do. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BucketingBenchmark {

	private final double[] weights = { 1, 1, 1 };

	private final String[] visitors = new String[1024];

	private int next;

	public BucketingBenchmark() {
		for (int i = 0; i < this.visitors.length; i++) {
			this.visitors[i] = "v" + Long.toHexString(0x9E3779B97F4A7C15L * (i + 1));
		}
	}

	/** Traffic allocation check and arm of a three-arm experiment at 90 % allocation. */
	@Benchmark
	public int assign() {
		String visitor = this.visitors[this.next++ & 1023];
		return Bucketing.assign(1234, visitor, 90, this.weights).orElse(-1);
	}

	/** The FNV-1a hash alone, of a typical key. */
	@Benchmark
	public long hash() {
		return Bucketing.fnv1a32(this.visitors[this.next++ & 1023] + ":1234");
	}

}
