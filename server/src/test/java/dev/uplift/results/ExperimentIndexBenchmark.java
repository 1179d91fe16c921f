package dev.uplift.results;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * The segment index's answers at the benchmark's scale: an experiment of {@code visitors}
 * entries (three arms, entries over 60 days, about 50 countries with a skewed share, 8 %
 * converting within two days), asked {@code breakdown_by=country} and
 * {@code filter_by=mobile,country-US}. The {@code ...Before} methods compute the same
 * counts as the index did at 453bfd8 (two intersections per value and arm, the union of
 * every conversion hour), from the same bitmaps, as the baseline of the same run. Not a
 * test: run by {@code bench/jmh-server.sh} (docs/performance.md). The {@code ...Revenue}
 * methods ask the same of a goal with orders (3 % buying), whose answers sum each kept
 * converter's revenue too; the {@code ...SameConverters} methods, of a goal with the same
 * converters and no orders, are their baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = { "-Xmx4g" })
public class ExperimentIndexBenchmark {

	private static final long GOAL = 1;

	// A goal with orders: 3 % of visitors buy, one to three orders of 5 to 200.
	private static final long REVENUE_GOAL = 2;

	// The same converters with no orders: the baseline of the goal with orders, whose
	// sparser converters make their intersections cost more than GOAL's.
	private static final long SAME_CONVERTERS_GOAL = 3;

	private static final int ARMS = 3;

	private static final long START = 1_760_000_000_000L;

	private static final long DAYS = 60;

	private static final String[] DEVICES = { "mobile", "desktop", "tablet" };

	private static final String[] BROWSERS = { "chrome", "safari", "firefox", "edge", "other" };

	private static final String[] SYSTEMS = { "android", "ios", "windows", "macos", "linux" };

	private static final String[] SOURCES = { "direct", "search", "social", "referral", "paid", "email" };

	@Param("10000000")
	public int visitors;

	private ExperimentIndex index;

	private final EntryWindow everything = EntryWindow.of(null, null, ZoneOffset.UTC);

	private final SegmentQuery breakdown = new SegmentQuery(SegmentFilter.EVERYONE, Dimension.COUNTRY, 1, 0,
			EventAttributes.ANY);

	private final SegmentQuery filter = new SegmentQuery(FilterPresets.parse("mobile,country-US"), null, 1, 0,
			EventAttributes.ANY);

	@Setup
	public void build() {
		SplittableRandom random = new SplittableRandom(17);
		String[] countries = new String[50];
		for (int i = 0; i < countries.length; i++) {
			countries[i] = String.valueOf((char) ('A' + i / 26)) + (char) ('A' + i % 26);
		}
		countries[0] = "US";
		this.index = new ExperimentIndex(1, 1, ARMS, 0);
		long span = DAYS * 86_400_000L;
		for (int ordinal = 0; ordinal < this.visitors; ordinal++) {
			long enteredAt = START + span * ordinal / this.visitors;
			int variant = random.nextInt(ARMS);
			String[] values = new String[Dimension.values().length];
			values[Dimension.DEVICE.ordinal()] = pick(random, DEVICES);
			values[Dimension.BROWSER.ordinal()] = pick(random, BROWSERS);
			values[Dimension.OS.ordinal()] = pick(random, SYSTEMS);
			// A skewed share: the first countries hold most visitors.
			values[Dimension.COUNTRY.ordinal()] = countries[Math.min(countries.length - 1,
					(int) (countries.length * Math.pow(random.nextDouble(), 3)))];
			values[Dimension.SOURCE.ordinal()] = pick(random, SOURCES);
			values[Dimension.LANDING_PAGE.ordinal()] = "/page/" + random.nextInt(200);
			values[Dimension.UTM_SOURCE.ordinal()] = random.nextBoolean() ? null : "utm" + random.nextInt(10);
			values[Dimension.VISITOR_TYPE.ordinal()] = random.nextBoolean() ? "new" : "returning";
			this.index.addEntry(ordinal, variant, enteredAt, values);
			if (random.nextInt(100) < 8) {
				this.index.setConversion(GOAL, ordinal, enteredAt + random.nextLong(2 * 86_400_000L), variant, values,
						0, 0, 0);
			}
			if (random.nextInt(100) < 3) {
				long orders = 1 + random.nextInt(3);
				long convertedAt = enteredAt + random.nextLong(2 * 86_400_000L);
				this.index.setConversion(REVENUE_GOAL, ordinal, convertedAt, variant, values,
						orders * (500 + random.nextInt(19_500)), orders, 0);
				this.index.setConversion(SAME_CONVERTERS_GOAL, ordinal, convertedAt, variant, values, 0, 0, 0);
			}
		}
		this.index.optimize();
	}

	private static String pick(SplittableRandom random, String[] values) {
		return values[random.nextInt(values.length)];
	}

	@Benchmark
	public SegmentCounts breakdown() {
		return this.index.count(GOAL, this.everything, ZoneOffset.UTC, this.breakdown).orElseThrow();
	}

	@Benchmark
	public SegmentCounts breakdownBefore() {
		RoaringBitmap converters = FastAggregation.or(this.index.conversionHours(GOAL).iterator());
		SegmentCounts counts = new SegmentCounts(ARMS);
		Map<String, RoaringBitmap> byValue = this.index.valueEntries(Dimension.COUNTRY);
		for (int v = 0; v < ARMS; v++) {
			RoaringBitmap visitors = FastAggregation.and(List.of(this.index.variantEntries(v)).iterator());
			RoaringBitmap converted = RoaringBitmap.and(visitors, converters);
			counts.addTotal(v, visitors.getLongCardinality(), converted.getLongCardinality());
			RoaringBitmap unconverted = RoaringBitmap.andNot(visitors, converted);
			for (Map.Entry<String, RoaringBitmap> value : byValue.entrySet()) {
				long n = RoaringBitmap.andCardinality(visitors, value.getValue());
				if (n > 0) {
					counts.addSegment(v, value.getKey(), n,
							n - RoaringBitmap.andCardinality(unconverted, value.getValue()));
				}
			}
		}
		return counts;
	}

	@Benchmark
	public SegmentCounts breakdownRevenue() {
		return this.index.count(REVENUE_GOAL, this.everything, ZoneOffset.UTC, this.breakdown).orElseThrow();
	}

	@Benchmark
	public SegmentCounts filterRevenue() {
		return this.index.count(REVENUE_GOAL, this.everything, ZoneOffset.UTC, this.filter).orElseThrow();
	}

	@Benchmark
	public SegmentCounts breakdownSameConverters() {
		return this.index.count(SAME_CONVERTERS_GOAL, this.everything, ZoneOffset.UTC, this.breakdown).orElseThrow();
	}

	@Benchmark
	public SegmentCounts filterSameConverters() {
		return this.index.count(SAME_CONVERTERS_GOAL, this.everything, ZoneOffset.UTC, this.filter).orElseThrow();
	}

	@Benchmark
	public SegmentCounts filter() {
		return this.index.count(GOAL, this.everything, ZoneOffset.UTC, this.filter).orElseThrow();
	}

	@Benchmark
	public SegmentCounts filterBefore() {
		RoaringBitmap converters = FastAggregation.or(this.index.conversionHours(GOAL).iterator());
		RoaringBitmap mobile = this.index.valueEntries(Dimension.DEVICE).get("mobile");
		RoaringBitmap us = this.index.valueEntries(Dimension.COUNTRY).get("US");
		SegmentCounts counts = new SegmentCounts(ARMS);
		for (int v = 0; v < ARMS; v++) {
			List<RoaringBitmap> conjuncts = new ArrayList<>(
					List.of(FastAggregation.or(mobile), FastAggregation.or(us), this.index.variantEntries(v)));
			RoaringBitmap visitors = FastAggregation.and(conjuncts.iterator());
			counts.addTotal(v, visitors.getLongCardinality(),
					RoaringBitmap.and(visitors, converters).getLongCardinality());
		}
		return counts;
	}

}
