package dev.uplift.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.uplift.bench.load.LiveTraffic.LiveEvent;
import org.HdrHistogram.Histogram;

/**
 * The end-to-end benchmark: starts Uplift, loads a seeded experiment through the real
 * import, measures collect (batched and single-event), the result endpoint idle and under
 * load, the COUNT(DISTINCT ...) and raw-writer baselines on the same data, heap and
 * start-up, and writes a table and {@code report.json}. Run it with
 * {@code bench/run.sh [--short]}.
 */
public final class LoadBenchmark {

	private static final String GOAL_KEY = "purchase";

	private static final String[] WINDOW_NAMES = { "none", "7_days", "1_day" };

	private static final int[][] WINDOW_DAYS = { { 0, SyntheticTraffic.DAYS - 1 },
			{ SyntheticTraffic.DAYS - 7, SyntheticTraffic.DAYS - 1 },
			{ SyntheticTraffic.DAYS - 1, SyntheticTraffic.DAYS - 1 } };

	private static final String[] SEGMENT_NAMES = { "filter_mobile_us", "custom_filter_3", "breakdown_country" };

	private static final String[] SEGMENT_QUERIES = { "?filter_by=mobile,country-US",
			"?custom_filter=" + java.net.URLEncoder.encode(
					"[[{\"criteria\":\"device\",\"operator\":\"==\",\"value\":\"mobile\"}],"
							+ "[{\"criteria\":\"source\",\"operator\":\"==\",\"value\":\"search\"},"
							+ "{\"criteria\":\"landing_page\",\"operator\":\"**\",\"value\":\"pricing\"}]]",
					StandardCharsets.UTF_8),
			"?breakdown_by=country" };

	// Ten years: no synthetic conversion comes later than that after entry, and the index
	// leaves time frames to the scan path.
	private static final String SCAN_ONLY = "&timeframe_days=3650";

	private static final String PLAIN_GOAL_KEY = "bench-signup";

	private static final String REVENUE_GOAL_KEY = "bench-purchase";

	private final Options options;

	private final Map<String, Object> report = new LinkedHashMap<>();

	private final List<String> table = new ArrayList<>();

	private LoadBenchmark(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		new LoadBenchmark(Options.parse(args)).run();
	}

	private void run() throws Exception {
		Options o = this.options;
		deleteTree(o.dataDir);
		Files.createDirectories(o.dataDir);
		Files.createDirectories(o.out.getParent());
		this.report.put("machine", machine());
		this.report.put("mode", o.shortMode ? "short" : "full");
		this.report.put("visitors", o.visitors);
		this.report.put("seed", o.seed);
		if (!o.collectOnly) {
			startup();
		}
		Path data = o.dataDir.resolve("uplift");
		Path log = o.dataDir.resolve("uplift.log");
		UpliftProcess server = UpliftProcess.start(o.launchCommand(), o.serverOptions, data, log);
		try {
			UpliftHttp http = server.http();
			long testId = http.createExperiment(GOAL_KEY);
			SyntheticTraffic traffic = load(server, testId);
			idleResults(http, testId, traffic);
			seriesResults(server, testId);
			segmentResults(server, testId);
			if (!o.collectOnly) {
				rawWriter(data.resolve("uplift.db"), testId);
			}
			batchedCollect(http, testId);
			randomIdCollect(http, testId);
			revenue(http);
			singleCollect(http, testId);
			if (!o.collectOnly) {
				countDistinct(testId, traffic);
				shutdown(server, testId, data, log);
				server = null;
			}
		}
		finally {
			if (server != null) {
				server.close();
			}
		}
		if (!o.collectOnly) {
			targets();
		}
		this.report.put("load_average_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		Files.writeString(o.out, Json.write(this.report));
		System.out.println();
		this.table.forEach(System.out::println);
		System.out.println("\nReport: " + o.out.toAbsolutePath());
	}

	/**
	 * Time to first served request, fat jar and documented launch, on an empty data
	 * directory.
	 */
	private void startup() throws Exception {
		Options o = this.options;
		Map<String, Object> startup = new LinkedHashMap<>();
		Path log = o.dataDir.resolve("startup.log");
		// The documented launch builds its extracted jar and class-data archive on first
		// use: not timed.
		long training = startOnce(o.binCommand(), o.dataDir.resolve("startup-training"), log);
		startup.put("documented_first_run_ms", training);
		List<Long> fat = new ArrayList<>();
		List<Long> documented = new ArrayList<>();
		for (int i = 0; i < o.startupRuns; i++) {
			fat.add(startOnce(List.of("java", "-jar", o.jar.toString()), o.dataDir.resolve("startup-fat-" + i), log));
			documented.add(startOnce(o.binCommand(), o.dataDir.resolve("startup-bin-" + i), log));
		}
		startup.put("fat_jar_ms", fat);
		startup.put("documented_ms", documented);
		startup.put("fat_jar_median_ms", median(fat));
		startup.put("documented_median_ms", median(documented));
		this.report.put("startup", startup);
		row("Start-up to first served request, fat jar (median of %d)", "%,d ms", o.startupRuns, median(fat));
		row("Start-up to first served request, bin/uplift (median of %d)", "%,d ms", o.startupRuns, median(documented));
	}

	private long startOnce(List<String> command, Path dataDir, Path log) throws Exception {
		UpliftProcess server = UpliftProcess.start(command, "", dataDir, log);
		long millis = server.startupMillis();
		server.stop();
		deleteTree(dataDir);
		return millis;
	}

	/**
	 * Imports the synthetic stream, pausing at checkpoints to measure results and heap at
	 * that size.
	 */
	private SyntheticTraffic load(UpliftProcess server, long testId) throws Exception {
		Options o = this.options;
		SyntheticTraffic traffic = new SyntheticTraffic(o.seed, o.visitors, testId, GOAL_KEY);
		List<Long> checkpoints = new ArrayList<>(
				Stream.of(100_000L, 1_000_000L, 10_000_000L).filter((c) -> c < o.visitors).toList());
		checkpoints.add(o.visitors);
		List<Map<String, Object>> points = new ArrayList<>();
		long events = 0;
		long importNanos = 0;
		long wallStart = System.nanoTime();
		for (long checkpoint : checkpoints) {
			while (traffic.entered() < checkpoint || (checkpoint == o.visitors && !traffic.done())) {
				StringBuilder lines = new StringBuilder(64 << 20);
				long[] count = new long[1];
				traffic.emit(Math.min(checkpoint, traffic.entered() + o.importVisitors), new SyntheticTraffic.Sink() {

					@Override
					public void exposure(String eventId, String visitorId, long test, int variant, long at,
							String[] attributes) {
						EventJson.exposure(lines, eventId, visitorId, test, variant, at, attributes);
						lines.append('\n');
						count[0]++;
					}

					@Override
					public void goal(String eventId, String visitorId, String goalKey, long at) {
						EventJson.goal(lines, eventId, visitorId, goalKey, at);
						lines.append('\n');
						count[0]++;
					}

				});
				byte[] body = lines.toString().getBytes(StandardCharsets.UTF_8);
				long started = System.nanoTime();
				long accepted = server.http().importLines(body);
				importNanos += System.nanoTime() - started;
				if (accepted != count[0]) {
					throw new IllegalStateException("Imported " + accepted + " of " + count[0] + " events");
				}
				events += accepted;
				System.out.printf(Locale.ROOT, "loaded %,d visitors, %,d events, %,.0f events/s%n", traffic.entered(),
						events, events / (importNanos / 1e9));
			}
			Map<String, Object> point = new LinkedHashMap<>();
			point.put("visitors", traffic.entered());
			point.put("events", events);
			UpliftProcess.HeapAfterGc heap = server.heapAfterGc();
			point.put("heap_after_gc_bytes", heap.used());
			point.put("live_data_after_gc_bytes", heap.liveData());
			point.put("result_no_window_idle", resultLatency(server.http(), testId, "", o.resultRequests));
			points.add(point);
		}
		Map<String, Object> load = new LinkedHashMap<>();
		load.put("events", events);
		load.put("import_events_per_second", events / (importNanos / 1e9));
		load.put("wall_seconds", (System.nanoTime() - wallStart) / 1e9);
		load.put("database_bytes", databaseBytes());
		load.put("checkpoints", points);
		this.report.put("load", load);
		row("Loaded through HTTP import (%,d visitors)", "%,.0f events/s", o.visitors, events / (importNanos / 1e9));
		for (Map<String, Object> point : points) {
			row("Heap after load and GC at %,d visitors: in use / live data", "%s MB", point.get("visitors"),
					String.format(Locale.ROOT, "%.1f / %.1f", ((Long) point.get("heap_after_gc_bytes")) / 1e6,
							((Long) point.get("live_data_after_gc_bytes")) / 1e6));
		}
		for (Map<String, Object> point : points) {
			@SuppressWarnings("unchecked")
			Map<String, Object> latency = (Map<String, Object>) point.get("result_no_window_idle");
			row("Result, no window, idle, at %,d visitors: p50 / p99 / p99.9", "%s", point.get("visitors"),
					idleFigures(latency));
		}
		return traffic;
	}

	private void idleResults(UpliftHttp http, long testId, SyntheticTraffic traffic) throws Exception {
		Map<String, Object> results = new LinkedHashMap<>();
		for (int w = 0; w < WINDOW_NAMES.length; w++) {
			String query = query(w);
			long[][] counts = UpliftHttp.counts(http.result(testId, query));
			long[][] expected = traffic.expected(WINDOW_DAYS[w][0], WINDOW_DAYS[w][1]);
			if (!Arrays.deepEquals(counts, expected)) {
				throw new IllegalStateException("Result for window " + WINDOW_NAMES[w] + " is "
						+ Arrays.deepToString(counts) + ", the generated data says " + Arrays.deepToString(expected));
			}
			Map<String, Object> window = resultLatency(http, testId, query, this.options.resultRequests);
			window.put("counts", counts);
			results.put(WINDOW_NAMES[w], window);
			row("Result, window %s, idle: p50 / p99 / p99.9", "%s", WINDOW_NAMES[w], idleFigures(window));
		}
		this.report.put("results_idle", results);
	}

	/**
	 * Timeseries and metrics of five goals, idle, as ratios of their p99 to the plain
	 * result's measured just before. Four secondary goals are attached first and receive
	 * the primary goal's conversions again (same visitors and times, their own event
	 * ids), so that every metric reads as many rollup cells as the primary one.
	 */
	private void seriesResults(UpliftProcess server, long testId) throws Exception {
		UpliftHttp http = server.http();
		List<String> secondary = List.of(GOAL_KEY + "-2", GOAL_KEY + "-3", GOAL_KEY + "-4", GOAL_KEY + "-5");
		http.attachSecondaryGoals(testId, secondary);
		for (String goalKey : secondary) {
			SyntheticTraffic again = new SyntheticTraffic(this.options.seed, this.options.visitors, testId, goalKey);
			while (!again.done()) {
				StringBuilder lines = new StringBuilder(16 << 20);
				again.emit(again.entered() + this.options.importVisitors, new SyntheticTraffic.Sink() {

					@Override
					public void exposure(String eventId, String visitorId, long test, int variant, long at,
							String[] attributes) {
					}

					@Override
					public void goal(String eventId, String visitorId, String goal, long at) {
						EventJson.goal(lines, goal + "-" + eventId, visitorId, goal, at);
						lines.append('\n');
					}

				});
				if (!lines.isEmpty()) {
					http.importLines(lines.toString().getBytes(StandardCharsets.UTF_8));
				}
			}
		}
		String metricKeys = "?metric_keys=" + GOAL_KEY + "," + String.join(",", secondary);
		String metrics = http.experimentRoute(testId, "metrics", metricKeys);
		long primary = UpliftHttp.counts(http.result(testId, ""))[1][1];
		if (!metrics.contains("\"result_5\":" + primary + "}") && !metrics.contains("\"result_5\":" + primary + ",")) {
			throw new IllegalStateException(
					"Metric 5 does not repeat the primary goal's " + primary + " in " + metrics);
		}
		Map<String, Object> series = new LinkedHashMap<>();
		Map<String, Object> result = resultLatency(http, testId, "", this.options.resultRequests);
		// The generated period, not "no window": that would run on to today, long
		// after the fixed period of the stream.
		String period = "?start_date="
				+ java.time.LocalDate.ofEpochDay(SyntheticTraffic.START / SyntheticTraffic.DAY_MS) + "&end_date="
				+ java.time.LocalDate
					.ofEpochDay(SyntheticTraffic.START / SyntheticTraffic.DAY_MS + SyntheticTraffic.DAYS - 1);
		Map<String, Object> timeseries = latency(() -> http.experimentRoute(testId, "timeseries", period),
				this.options.resultRequests);
		Map<String, Object> fiveMetrics = latency(() -> http.experimentRoute(testId, "metrics", metricKeys),
				this.options.resultRequests);
		double resultP99 = ((Number) result.get("p99_ms")).doubleValue();
		timeseries.put("p99_over_result_p99", ((Number) timeseries.get("p99_ms")).doubleValue() / resultP99);
		fiveMetrics.put("p99_over_result_p99", ((Number) fiveMetrics.get("p99_ms")).doubleValue() / resultP99);
		series.put("result", result);
		series.put("timeseries", timeseries);
		series.put("metrics_5_goals", fiveMetrics);
		this.report.put("series_idle", series);
		row("Result, no window, idle (baseline of the two below): p50 / p99 / p99.9", "%s", "", idleFigures(result));
		row("Timeseries, %d days, idle: p50 / p99 / p99.9", "%s = %.2fx the result's p99", SyntheticTraffic.DAYS,
				idleFigures(timeseries), timeseries.get("p99_over_result_p99"));
		row("Metrics, 5 goals, idle: p50 / p99 / p99.9", "%s = %.2fx the result's p99", "", idleFigures(fiveMetrics),
				fiveMetrics.get("p99_over_result_p99"));
	}

	/**
	 * Segment queries, idle: each by the scan path (forced by a {@code timeframe_days} of
	 * ten years, which the synthetic month cannot tell from none) and by the segment
	 * index once built, answering the same body; then the heap with the index in memory.
	 */
	private void segmentResults(UpliftProcess server, long testId) throws Exception {
		UpliftHttp http = server.http();
		Map<String, Object> segments = new LinkedHashMap<>();
		for (int q = 0; q < SEGMENT_NAMES.length; q++) {
			String query = SEGMENT_QUERIES[q];
			List<Double> scanMillis = new ArrayList<>();
			String scanned = null;
			for (int run = 0; run < 3; run++) {
				long started = System.nanoTime();
				scanned = http.result(testId, query + SCAN_ONLY);
				scanMillis.add((System.nanoTime() - started) / 1e6);
			}
			double scanMedian = scanMillis.stream().sorted().toList().get(1);
			long warmupStarted = System.nanoTime();
			String indexed = awaitIndex(http, testId, query, scanMedian);
			double warmupSeconds = (System.nanoTime() - warmupStarted) / 1e9;
			if (!withoutDays(indexed).equals(withoutDays(scanned))) {
				throw new IllegalStateException("Segment " + SEGMENT_NAMES[q] + " by index differs from the scan:\n"
						+ indexed + "\n" + scanned);
			}
			Map<String, Object> latency = resultLatency(http, testId, query, this.options.resultRequests);
			double p99 = ((Number) latency.get("p99_ms")).doubleValue();
			latency.put("query", query);
			latency.put("scan_runs_ms", scanMillis);
			latency.put("scan_median_ms", scanMedian);
			latency.put("index_ready_seconds", warmupSeconds);
			latency.put("scan_over_index_p99", scanMedian / p99);
			segments.put(SEGMENT_NAMES[q], latency);
			row("Segment %s, idle, by index: p50 / p99 / p99.9", "%s", SEGMENT_NAMES[q], idleFigures(latency));
			row("Segment %s by the scan path (median of 3)", "%,.0f ms = %,.0fx the index's p99", SEGMENT_NAMES[q],
					scanMedian, scanMedian / p99);
		}
		UpliftProcess.HeapAfterGc heap = server.heapAfterGc();
		segments.put("heap_after_gc_bytes", heap.used());
		segments.put("live_data_after_gc_bytes", heap.liveData());
		row("Heap after GC with the segment index of %,d visitors: in use / live data", "%s MB", this.options.visitors,
				String.format(Locale.ROOT, "%.1f / %.1f", heap.used() / 1e6, heap.liveData() / 1e6));
		this.report.put("segments_idle", segments);
	}

	/**
	 * Asks until 20 answers in a row come in under a twentieth of the scan's time: the
	 * index is built in the background on first use. Returns the last body.
	 */
	private static String awaitIndex(UpliftHttp http, long testId, String query, double scanMillis)
			throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
		int fast = 0;
		String body = null;
		while (fast < 20) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Segment index not serving " + query + " after 30 minutes");
			}
			long started = System.nanoTime();
			body = http.result(testId, query);
			fast = ((System.nanoTime() - started) / 1e6 < scanMillis / 20) ? fast + 1 : 0;
			if (fast == 0) {
				TimeUnit.MILLISECONDS.sleep(200);
			}
		}
		return body;
	}

	private static String withoutDays(String body) {
		return body.replaceAll("\"days_running\":\\d+", "");
	}

	/**
	 * The writer's statements over JDBC, on a copy of the loaded database taken while the
	 * server is idle.
	 */
	private void rawWriter(Path database, long testId) throws Exception {
		try (Connection connection = Baselines.open(database, "?busy_timeout=10000");
				Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
		}
		Path copy = this.options.dataDir.resolve("raw-writer.db");
		Files.copy(database, copy, StandardCopyOption.REPLACE_EXISTING);
		Path wal = database.resolveSibling("uplift.db-wal");
		if (Files.exists(wal)) {
			Files.copy(wal, copy.resolveSibling("raw-writer.db-wal"), StandardCopyOption.REPLACE_EXISTING);
		}
		int batch = this.options.clients * 100;
		Map<String, Object> raw = rawRate(copy, testId, batch, false);
		raw.put("random_ids", rawRate(copy, testId, batch, true));
		this.report.put("raw_writer", raw);
		row("Raw JDBC rate of the writer's statements (%,d events/transaction)", "%,.0f events/s", batch,
				raw.get("events_per_second"));
		row("Raw JDBC rate of the writer's statements, random visitor ids", "%,.0f events/s", "",
				((Map<?, ?>) raw.get("random_ids")).get("events_per_second"));
		Files.deleteIfExists(copy);
		Files.deleteIfExists(copy.resolveSibling("raw-writer.db-wal"));
		Files.deleteIfExists(copy.resolveSibling("raw-writer.db-shm"));
	}

	private Map<String, Object> rawRate(Path copy, long testId, int batch, boolean randomIds) throws Exception {
		Baselines.RawRate rate = Baselines.rawWriterRate(copy, testId, GOAL_KEY, batch, this.options.rawSeconds,
				randomIds);
		Map<String, Object> raw = new LinkedHashMap<>();
		raw.put("events_per_second", rate.eventsPerSecond());
		raw.put("events_per_transaction", rate.eventsPerTransaction());
		raw.put("transactions", rate.transactions());
		raw.put("ms_per_transaction", rate.millisPerTransaction());
		return raw;
	}

	/**
	 * Collect with batches of 100 events from many clients, results requested meanwhile.
	 */
	private void batchedCollect(UpliftHttp http, long testId) throws Exception {
		Options o = this.options;
		AtomicBoolean ingesting = new AtomicBoolean(true);
		List<Histogram> underLoad = new ArrayList<>();
		Thread results = new Thread(() -> {
			for (int i = 0; i < WINDOW_NAMES.length; i++) {
				underLoad.add(histogram());
			}
			long pause = TimeUnit.SECONDS.toNanos(1) * (long) o.collectSeconds / Math.max(1, 3L * o.resultRequests);
			try {
				for (int n = 0; underLoad.get(2).getTotalCount() < o.resultRequests && ingesting.get(); n++) {
					int w = n % WINDOW_NAMES.length;
					long started = System.nanoTime();
					http.result(testId, query(w));
					long took = System.nanoTime() - started;
					underLoad.get(w).recordValue(took);
					TimeUnit.NANOSECONDS.sleep(Math.max(0, pause - took));
				}
			}
			catch (IOException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}, "results-under-load");
		AtomicReference<Throwable> failed = new AtomicReference<>();
		results.setUncaughtExceptionHandler((thread, ex) -> failed.set(ex));
		Throughput batched = collect(http, testId, "b", o.clients, 100, o.collectSeconds, () -> {
			results.start();
		}, () -> !results.isAlive()
				|| (underLoad.size() == WINDOW_NAMES.length && underLoad.get(2).getTotalCount() >= o.resultRequests));
		ingesting.set(false);
		results.join();
		if (failed.get() != null) {
			throw new IllegalStateException("Result requests during batched collect failed", failed.get());
		}
		Map<String, Object> collect = batched.toMap();
		this.report.put("collect_batched", collect);
		row("Collect, batches of 100, %d clients", "%,.0f events/s", o.clients, batched.eventsPerSecond());
		row("Collect, batches of 100: request p50 / p99", "%s ms", "",
				collect.get("p50_ms") + " / " + collect.get("p99_ms"));
		Map<String, Object> loaded = new LinkedHashMap<>();
		for (int w = 0; w < WINDOW_NAMES.length; w++) {
			Map<String, Object> window = latency(underLoad.get(w));
			loaded.put(WINDOW_NAMES[w], window);
			row("Result, window %s, during batched collect: p50 / p99 / p99.9", "%s ms", WINDOW_NAMES[w],
					window.get("p50_ms") + " / " + window.get("p99_ms") + " / " + window.get("p99_9_ms"));
		}
		this.report.put("results_under_load", loaded);
	}

	/**
	 * Batched collect as above, with random UUIDs for visitor ids (server-side SDKs send
	 * database or random ids): the writer's look-ups and inserts then land all over the
	 * assignments' primary key instead of at its end.
	 */
	private void randomIdCollect(UpliftHttp http, long testId) throws Exception {
		Options o = this.options;
		Throughput random = collect(http, testId, GOAL_KEY, false, true, "u", o.clients, 100, o.collectSeconds, () -> {
		}, () -> true);
		this.report.put("collect_batched_random_ids", random.toMap());
		row("Collect, batches of 100, %d clients, random visitor ids", "%,.0f events/s", o.clients,
				random.eventsPerSecond());
	}

	/**
	 * Revenue against no revenue, on an experiment of its own with two goals: batched
	 * collect of goals without orders, then of goals with orders (the same traffic
	 * otherwise), then the result of each goal, whose converters are about as many, the
	 * two asked in turn after a warm-up of each.
	 */
	private void revenue(UpliftHttp http) throws Exception {
		Options o = this.options;
		long testId = http.createExperiment(PLAIN_GOAL_KEY, REVENUE_GOAL_KEY);
		Throughput plain = collect(http, testId, PLAIN_GOAL_KEY, false, "p", o.clients, 100, o.collectSeconds, () -> {
		}, () -> true);
		Throughput orders = collect(http, testId, REVENUE_GOAL_KEY, true, "r", o.clients, 100, o.collectSeconds, () -> {
		}, () -> true);
		String body = http.result(testId, "?goal_key=" + REVENUE_GOAL_KEY);
		if (!body.contains("\"has_revenue\":true")) {
			throw new IllegalStateException("The revenue goal's result has no revenue: " + body);
		}
		// Warmed up alike, then asked in turn, so that the host's load swings reach both.
		resultLatency(http, testId, "?goal_key=" + PLAIN_GOAL_KEY, o.resultRequests / 5);
		resultLatency(http, testId, "?goal_key=" + REVENUE_GOAL_KEY, o.resultRequests / 5);
		Histogram plainResults = histogram();
		Histogram revenueResults = histogram();
		for (int i = 0; i < o.resultRequests; i++) {
			timeResult(http, testId, "?goal_key=" + PLAIN_GOAL_KEY, plainResults);
			timeResult(http, testId, "?goal_key=" + REVENUE_GOAL_KEY, revenueResults);
		}
		Map<String, Object> withoutRevenue = latency(plainResults);
		Map<String, Object> withRevenue = latency(revenueResults);
		double collectRatio = orders.eventsPerSecond() / plain.eventsPerSecond();
		double p50Ratio = ((Number) withRevenue.get("p50_ms")).doubleValue()
				/ ((Number) withoutRevenue.get("p50_ms")).doubleValue();
		double p99Ratio = ((Number) withRevenue.get("p99_ms")).doubleValue()
				/ ((Number) withoutRevenue.get("p99_ms")).doubleValue();
		Map<String, Object> revenue = new LinkedHashMap<>();
		revenue.put("collect_plain", plain.toMap());
		revenue.put("collect_with_revenue", orders.toMap());
		revenue.put("collect_revenue_over_plain", collectRatio);
		revenue.put("result_without_revenue", withoutRevenue);
		revenue.put("result_with_revenue", withRevenue);
		revenue.put("result_p50_revenue_over_plain", p50Ratio);
		revenue.put("result_p99_revenue_over_plain", p99Ratio);
		this.report.put("revenue", revenue);
		row("Collect, batches of 100, goals with revenue / without", "%,.0f / %,.0f events/s = %.2f", "",
				orders.eventsPerSecond(), plain.eventsPerSecond(), collectRatio);
		row("Result with revenue / without: p50, p99 ratio", "%.2f, %.2f", "", p50Ratio, p99Ratio);
	}

	private static void timeResult(UpliftHttp http, long testId, String query, Histogram into) throws IOException {
		long started = System.nanoTime();
		http.result(testId, query);
		into.recordValue(System.nanoTime() - started);
	}

	private void singleCollect(UpliftHttp http, long testId) throws Exception {
		Options o = this.options;
		Throughput single = collect(http, testId, "s", o.singleClients, 1, o.singleSeconds, () -> {
		}, () -> true);
		Map<String, Object> collect = single.toMap();
		this.report.put("collect_single", collect);
		row("Collect, single-event requests, %d clients", "%,.0f requests/s", o.singleClients,
				single.requestsPerSecond());
		row("Collect, single-event: request p50 / p99", "%s ms", "",
				collect.get("p50_ms") + " / " + collect.get("p99_ms"));
	}

	/**
	 * Keeps {@code clients} collect requests of {@code perRequest} events in flight, each
	 * client sending its next request when its last one is answered: a warm-up, then
	 * {@code seconds} measured (longer while {@code enough} says no).
	 */
	private Throughput collect(UpliftHttp http, long testId, String prefix, int clients, int perRequest, double seconds,
			Runnable onMeasure, java.util.function.BooleanSupplier enough) throws Exception {
		return collect(http, testId, GOAL_KEY, false, prefix, clients, perRequest, seconds, onMeasure, enough);
	}

	private Throughput collect(UpliftHttp http, long testId, String goalKey, boolean revenue, String prefix,
			int clients, int perRequest, double seconds, Runnable onMeasure, java.util.function.BooleanSupplier enough)
			throws Exception {
		return collect(http, testId, goalKey, revenue, false, prefix, clients, perRequest, seconds, onMeasure, enough);
	}

	private Throughput collect(UpliftHttp http, long testId, String goalKey, boolean revenue, boolean randomIds,
			String prefix, int clients, int perRequest, double seconds, Runnable onMeasure,
			java.util.function.BooleanSupplier enough) throws Exception {
		AtomicBoolean measuring = new AtomicBoolean();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong requests = new AtomicLong();
		Map<Integer, AtomicLong> failures = new ConcurrentHashMap<>();
		Histogram all = histogram();
		CountDownLatch stopped = new CountDownLatch(clients);
		ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
		for (int c = 0; c < clients; c++) {
			LiveTraffic traffic = new LiveTraffic(prefix + c + "-", this.options.seed * 1000 + c, testId, goalKey,
					revenue, randomIds);
			CollectChannels.Client client = http.collectClient();
			new Object() {

				void send() {
					if (!running.get()) {
						stopped.countDown();
						return;
					}
					byte[] body = LiveTraffic.collectBody(traffic.next(perRequest));
					long started = System.nanoTime();
					client.send(body, (status) -> {
						long took = System.nanoTime() - started;
						if (measuring.get()) {
							if (status == 202) {
								synchronized (all) {
									all.recordValue(took);
								}
								requests.incrementAndGet();
							}
							else {
								failures.computeIfAbsent(status, (code) -> new AtomicLong()).incrementAndGet();
							}
						}
						if (status == -1) {
							// Not from inside a failing call: a pause, and the stack
							// unwinds.
							retries.schedule(this::send, 10, TimeUnit.MILLISECONDS);
						}
						else {
							send();
						}
					});
				}

			}.send();
		}
		Thread.sleep((long) (this.options.warmupSeconds * 1000));
		measuring.set(true);
		long started = System.nanoTime();
		onMeasure.run();
		Thread.sleep((long) (seconds * 1000));
		while (!enough.getAsBoolean()) {
			Thread.sleep(100);
		}
		measuring.set(false);
		double elapsed = (System.nanoTime() - started) / 1e9;
		running.set(false);
		stopped.await(2, TimeUnit.MINUTES);
		retries.shutdownNow();
		Map<Integer, Long> failed = new TreeMap<>();
		failures.forEach((status, count) -> failed.put(status, count.get()));
		if (requests.get() == 0) {
			throw new IllegalStateException("Collect (" + prefix + ") acknowledged no request in " + elapsed
					+ " s; answers other than 202 by status: " + failed);
		}
		if (!failed.isEmpty()) {
			System.out.printf("  answers other than 202 (status -1: no answer) in collect (%s): %s%n", prefix, failed);
		}
		synchronized (all) {
			return new Throughput(requests.get(), requests.get() * perRequest, failed, elapsed, all.copy(), clients,
					perRequest);
		}
	}

	/**
	 * COUNT(DISTINCT ...) over a plain events table holding the same rows, in a file
	 * beside the server's.
	 */
	private void countDistinct(long testId, SyntheticTraffic traffic) throws Exception {
		Options o = this.options;
		Path database = o.dataDir.resolve("baseline.db");
		long loadStarted = System.nanoTime();
		long rows = Baselines.loadPlainEvents(database, o.seed, o.visitors, testId, GOAL_KEY);
		Map<String, Object> baseline = new LinkedHashMap<>();
		baseline.put("rows", rows);
		baseline.put("load_and_index_seconds", (System.nanoTime() - loadStarted) / 1e9);
		@SuppressWarnings("unchecked")
		Map<String, Map<String, Object>> idle = (Map<String, Map<String, Object>>) (Map<?, ?>) this.report
			.get("results_idle");
		for (int w = 0; w < WINDOW_NAMES.length; w++) {
			List<Double> millis = new ArrayList<>();
			long[][] counts = null;
			long budget = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.baselineSeconds);
			while (millis.size() < 3 && (millis.isEmpty() || System.nanoTime() < budget)) {
				long started = System.nanoTime();
				counts = Baselines.countDistinct(database, testId, GOAL_KEY, WINDOW_DAYS[w][0], WINDOW_DAYS[w][1]);
				millis.add((System.nanoTime() - started) / 1e6);
			}
			long[][] expected = traffic.expected(WINDOW_DAYS[w][0], WINDOW_DAYS[w][1]);
			if (!Arrays.deepEquals(counts, expected)) {
				throw new IllegalStateException("COUNT(DISTINCT) for window " + WINDOW_NAMES[w] + " gave "
						+ Arrays.deepToString(counts) + ", expected " + Arrays.deepToString(expected));
			}
			double medianMillis = millis.stream().sorted().toList().get(millis.size() / 2);
			Map<String, Object> window = new LinkedHashMap<>();
			window.put("runs_ms", millis);
			window.put("median_ms", medianMillis);
			window.put("counts_match_endpoint", true);
			double p99 = ((Number) idle.get(WINDOW_NAMES[w]).get("p99_ms")).doubleValue();
			window.put("endpoint_idle_p99_ms", p99);
			window.put("speedup_vs_endpoint_p99", medianMillis / p99);
			baseline.put(WINDOW_NAMES[w], window);
			row("COUNT(DISTINCT) SQL over raw events, window %s (median)", "%,.0f ms = %,.0fx the endpoint's p99",
					WINDOW_NAMES[w], medianMillis, medianMillis / p99);
		}
		this.report.put("count_distinct_baseline", baseline);
		Files.deleteIfExists(database);
		Files.deleteIfExists(database.resolveSibling("baseline.db-wal"));
		Files.deleteIfExists(database.resolveSibling("baseline.db-shm"));
	}

	/**
	 * SIGTERM while collect requests are in flight: every acknowledged event must be
	 * there after a restart.
	 */
	private void shutdown(UpliftProcess server, long testId, Path data, Path log) throws Exception {
		long before = total(server.http(), testId);
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong acknowledged = new AtomicLong();
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < 16; c++) {
			LiveTraffic traffic = new LiveTraffic("t" + c + "-", c, testId, GOAL_KEY);
			Thread thread = new Thread(() -> {
				while (running.get()) {
					List<LiveEvent> exposures = traffic.next(100).stream().filter((e) -> !e.goal()).toList();
					try {
						if (server.http().collect(LiveTraffic.collectBody(exposures)) == 202) {
							acknowledged.addAndGet(exposures.size());
						}
					}
					catch (IOException ex) {
						// Refused once the server stops listening: not acknowledged, so
						// not counted.
					}
				}
			});
			thread.start();
			threads.add(thread);
		}
		Thread.sleep(2_000);
		long stopStarted = System.nanoTime();
		int exit = server.stop();
		double stopSeconds = (System.nanoTime() - stopStarted) / 1e9;
		running.set(false);
		for (Thread thread : threads) {
			thread.join();
		}
		try (UpliftProcess restarted = UpliftProcess.start(this.options.launchCommand(), this.options.serverOptions,
				data, log)) {
			long stored = total(restarted.http(), testId) - before;
			Map<String, Object> shutdown = new LinkedHashMap<>();
			shutdown.put("acknowledged_exposures", acknowledged.get());
			shutdown.put("stored_exposures", stored);
			shutdown.put("lost", Math.max(0, acknowledged.get() - stored));
			shutdown.put("exit_code", exit);
			shutdown.put("stop_seconds", stopSeconds);
			shutdown.put("restart_on_loaded_database_ms", restarted.startupMillis());
			this.report.put("shutdown", shutdown);
			row("SIGTERM under collect load: acknowledged / stored after restart", "%s", "",
					acknowledged.get() + " / " + stored);
			row("Restart on the loaded database (bin/uplift)", "%,d ms", "", restarted.startupMillis());
			if (stored < acknowledged.get()) {
				throw new IllegalStateException(
						"Shutdown lost " + (acknowledged.get() - stored) + " acknowledged events");
			}
		}
	}

	/** The stated targets, each with the figure measured in this run. */
	@SuppressWarnings("unchecked")
	private void targets() {
		Map<String, Object> targets = new LinkedHashMap<>();
		Map<String, Object> idle = (Map<String, Object>) ((Map<String, Object>) this.report.get("results_idle"))
			.get("none");
		double p99 = ((Number) idle.get("p99_ms")).doubleValue();
		targets.put("result_no_window_p99_under_5_ms", target(p99, p99 < 5));
		List<Map<String, Object>> points = (List<Map<String, Object>>) ((Map<String, Object>) this.report.get("load"))
			.get("checkpoints");
		double firstP99 = ((Number) ((Map<String, Object>) points.get(0).get("result_no_window_idle")).get("p99_ms"))
			.doubleValue();
		double lastP99 = ((Number) ((Map<String, Object>) points.get(points.size() - 1).get("result_no_window_idle"))
			.get("p99_ms")).doubleValue();
		targets.put("result_p99_flat_ratio_largest_to_100k", target(lastP99 / firstP99, lastP99 < 2 * firstP99 + 1));
		double speedup = ((Number) ((Map<String, Object>) ((Map<String, Object>) this.report
			.get("count_distinct_baseline")).get("none")).get("speedup_vs_endpoint_p99")).doubleValue();
		targets.put("result_100x_faster_than_count_distinct", target(speedup, speedup >= 100));
		double batched = ((Number) ((Map<String, Object>) this.report.get("collect_batched")).get("events_per_second"))
			.doubleValue();
		targets.put("collect_batched_100k_events_per_second", target(batched, batched >= 100_000));
		double single = ((Number) ((Map<String, Object>) this.report.get("collect_single")).get("requests_per_second"))
			.doubleValue();
		targets.put("collect_single_15k_requests_per_second", target(single, single >= 15_000));
		double raw = ((Number) ((Map<String, Object>) this.report.get("raw_writer")).get("events_per_second"))
			.doubleValue();
		targets.put("collect_batched_half_of_raw_rate", target(batched / raw, batched / raw >= 0.5));
		double random = ((Number) ((Map<String, Object>) this.report.get("collect_batched_random_ids"))
			.get("events_per_second")).doubleValue();
		double rawRandom = ((Number) ((Map<String, Object>) ((Map<String, Object>) this.report.get("raw_writer"))
			.get("random_ids")).get("events_per_second")).doubleValue();
		targets.put("collect_random_ids_100k_or_0.8_of_raw",
				target(random / rawRandom, random >= 100_000 || random / rawRandom >= 0.8));
		// Live data, not heap in use: the latter also counts what the server allocated
		// after the collection.
		double heapFirst = ((Number) points.get(0).get("live_data_after_gc_bytes")).doubleValue();
		double heapLast = ((Number) points.get(points.size() - 1).get("live_data_after_gc_bytes")).doubleValue();
		targets.put("heap_largest_over_100k_ratio", target(heapLast / heapFirst, heapLast <= heapFirst * 1.1));
		double startup = ((Number) ((Map<String, Object>) this.report.get("startup")).get("documented_median_ms"))
			.doubleValue();
		targets.put("documented_startup_under_4000_ms", target(startup, startup < 4000));
		Map<String, Object> shutdown = (Map<String, Object>) this.report.get("shutdown");
		targets.put("shutdown_loses_nothing", target(((Number) shutdown.get("lost")).doubleValue(),
				((Number) shutdown.get("lost")).longValue() == 0));
		this.report.put("targets", targets);
		this.table.add("");
		this.table.add("Targets (measured; met?)");
		targets.forEach((name, value) -> this.table.add(String.format(Locale.ROOT, "  %-48s %s", name, value)));
	}

	private static Map<String, Object> target(double measured, boolean met) {
		Map<String, Object> target = new LinkedHashMap<>();
		target.put("measured", measured);
		target.put("met", met);
		return target;
	}

	private static long total(UpliftHttp http, long testId) throws IOException {
		return Arrays.stream(UpliftHttp.counts(http.result(testId, ""))).mapToLong((c) -> c[0]).sum();
	}

	/**
	 * Latency of {@code requests} sequential result requests, after a warm-up of at least
	 * a fifth as many requests and {@code --result-warmup-seconds}: the JIT compiles the
	 * result path in the first seconds of traffic, which a server that runs for days pays
	 * once. The warm-up's own latency is reported too, as {@code warmup}.
	 */
	private Map<String, Object> resultLatency(UpliftHttp http, long testId, String query, int requests)
			throws IOException {
		return latency(() -> http.result(testId, query), requests);
	}

	/**
	 * Latency of {@code requests} sequential requests, after the warm-up of
	 * {@link #resultLatency}.
	 */
	private Map<String, Object> latency(Request request, int requests) throws IOException {
		Histogram warmup = histogram();
		long warmUntil = System.nanoTime() + (long) (this.options.resultWarmupSeconds * 1e9);
		for (int i = 0; i < Math.max(100, requests / 5) || System.nanoTime() < warmUntil; i++) {
			long started = System.nanoTime();
			request.send();
			warmup.recordValue(System.nanoTime() - started);
		}
		Histogram histogram = histogram();
		for (int i = 0; i < requests; i++) {
			long started = System.nanoTime();
			request.send();
			histogram.recordValue(System.nanoTime() - started);
		}
		Map<String, Object> latency = latency(histogram);
		latency.put("warmup", latency(warmup));
		return latency;
	}

	/** One request whose answer is checked and dropped. */
	@FunctionalInterface
	private interface Request {

		String send() throws IOException;

	}

	/** "p50 / p99 / p99.9 ms (warm-up p99: x ms)" of a {@link #resultLatency} map. */
	@SuppressWarnings("unchecked")
	private static String idleFigures(Map<String, Object> latency) {
		Map<String, Object> warmup = (Map<String, Object>) latency.get("warmup");
		return latency.get("p50_ms") + " / " + latency.get("p99_ms") + " / " + latency.get("p99_9_ms")
				+ " ms (warm-up: p99 " + warmup.get("p99_ms") + " ms over " + warmup.get("requests") + ")";
	}

	private static String query(int window) {
		if (window == 0) {
			return "";
		}
		String from = java.time.LocalDate
			.ofEpochDay((SyntheticTraffic.START / SyntheticTraffic.DAY_MS) + WINDOW_DAYS[window][0])
			.toString();
		String to = java.time.LocalDate
			.ofEpochDay((SyntheticTraffic.START / SyntheticTraffic.DAY_MS) + WINDOW_DAYS[window][1])
			.toString();
		return "?start_date=" + from + "&end_date=" + to;
	}

	static Histogram histogram() {
		return new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
	}

	static Map<String, Object> latency(Histogram histogram) {
		Map<String, Object> latency = new LinkedHashMap<>();
		latency.put("requests", histogram.getTotalCount());
		latency.put("p50_ms", millis(histogram.getValueAtPercentile(50)));
		latency.put("p99_ms", millis(histogram.getValueAtPercentile(99)));
		latency.put("p99_9_ms", millis(histogram.getValueAtPercentile(99.9)));
		latency.put("max_ms", millis(histogram.getMaxValue()));
		return latency;
	}

	private static double millis(long nanos) {
		return Math.round(nanos / 1e4) / 100.0;
	}

	private Map<String, Object> machine() throws IOException {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("cores", Runtime.getRuntime().availableProcessors());
		long memoryKb = Files.readAllLines(Path.of("/proc/meminfo"))
			.stream()
			.filter((line) -> line.startsWith("MemTotal:"))
			.map((line) -> Long.parseLong(line.replaceAll("\\D", "")))
			.findFirst()
			.orElse(0L);
		machine.put("memory_bytes", memoryKb * 1024);
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		machine.put("load_average_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		return machine;
	}

	private long databaseBytes() throws IOException {
		try (Stream<Path> files = Files.list(this.options.dataDir.resolve("uplift"))) {
			return files.filter((f) -> f.getFileName().toString().startsWith("uplift.db")).mapToLong((f) -> {
				try {
					return Files.size(f);
				}
				catch (IOException ex) {
					return 0;
				}
			}).sum();
		}
	}

	private void row(String label, String valueFormat, Object labelArgument, Object... values) {
		String text = String.format(Locale.ROOT, "  %-76s ", String.format(Locale.ROOT, label, labelArgument))
				+ String.format(Locale.ROOT, valueFormat, values);
		this.table.add(text);
		System.out.println(text.strip());
	}

	private static long median(List<Long> values) {
		return values.stream().sorted().toList().get(values.size() / 2);
	}

	static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/** Collect throughput and request latency of one phase. */
	private record Throughput(long requests, long events, Map<Integer, Long> failures, double seconds,
			Histogram latency, int clients, int eventsPerRequest) {

		double eventsPerSecond() {
			return this.events / this.seconds;
		}

		double requestsPerSecond() {
			return this.requests / this.seconds;
		}

		Map<String, Object> toMap() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("clients", this.clients);
			map.put("events_per_request", this.eventsPerRequest);
			map.put("seconds", this.seconds);
			map.put("requests", this.requests);
			map.put("events", this.events);
			map.put("failed_requests", this.failures.values().stream().mapToLong(Long::longValue).sum());
			map.put("failed_by_status", this.failures);
			map.put("events_per_second", eventsPerSecond());
			map.put("requests_per_second", requestsPerSecond());
			map.putAll(LoadBenchmark.latency(this.latency));
			return map;
		}

	}

}
