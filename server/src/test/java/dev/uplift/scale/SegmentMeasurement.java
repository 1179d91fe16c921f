package dev.uplift.scale;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

import dev.uplift.support.ApiClient;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;

/**
 * Segment queries on PostgreSQL, for docs/scaling.md: one node on a fresh database,
 * visitors imported with realistic attributes (device, country, source, landing page),
 * then each segment query of the load benchmark by the scan path (forced by a time frame)
 * and by the segment index, idle and while clients collect new visitors, whose rows each
 * query's catch-up reads. Every index answer is compared with the scan's. Arguments:
 * visitors, collect clients during the second phase, requests per figure (defaults
 * 1000000, 4, 500). Needs {@code UPLIFT_TEST_DATABASE=postgresql};
 * {@code bench/run.sh --postgresql-segments} runs it.
 */
public final class SegmentMeasurement {

	private static final String KEY = "segments-test-key-0123456789abcdefghijklmn";

	private static final String PROJECT = "SegmentsProjectKey0001";

	private static final String BASE = "/v2/project/" + PROJECT;

	private static final String GOAL = "segments-goal";

	private static final long START = 1_780_000_000_000L;

	private static final long SPAN_MILLIS = TimeUnit.DAYS.toMillis(30);

	private static final int IMPORT_EVENTS = 100_000;

	private static final int COLLECT_BATCH = 100;

	private static final String[] DEVICES = { "mobile", "mobile", "desktop", "desktop", "tablet" };

	// 50 countries, the first ones more often, as in the load benchmark's traffic.
	private static final String[] COUNTRIES = { "US", "US", "US", "US", "GB", "GB", "DE", "DE", "FR", "IN", "IN", "BR",
			"CA", "JP", "NL", "ES", "IT", "MX", "AU", "SE", "PL", "TR", "ID", "KR", "AR", "CH", "BE", "AT", "NO", "DK",
			"FI", "IE", "PT", "CZ", "RO", "HU", "GR", "IL", "ZA", "EG", "NG", "KE", "SA", "AE", "SG", "MY", "TH", "VN",
			"PH", "NZ", "CL", "CO", "PE", "UA", "RU" };

	private static final String[] SOURCES = { "search", "search", "direct", "social", "email", "referral" };

	// The load benchmark's three segment queries (docs/performance.md).
	private static final Map<String, String> QUERIES = new LinkedHashMap<>();

	static {
		QUERIES.put("filter_by=mobile,country-US", "filter_by=mobile,country-US");
		QUERIES.put("custom_filter, three conditions",
				"custom_filter=" + URLEncoder.encode(
						"[[{\"criteria\":\"device\",\"operator\":\"==\",\"value\":\"mobile\"}],"
								+ "[{\"criteria\":\"source\",\"operator\":\"==\",\"value\":\"search\"},"
								+ "{\"criteria\":\"landing_page\",\"operator\":\"**\",\"value\":\"pricing\"}]]",
						StandardCharsets.UTF_8));
		QUERIES.put("breakdown_by=country", "breakdown_by=country");
	}

	// A time frame only the scan path answers (docs/performance.md).
	private static final String SCAN_ONLY = "&timeframe_days=3650";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String resultUrl;

	private SegmentMeasurement(String resultUrl) {
		this.resultUrl = resultUrl;
	}

	public static void main(String[] args) throws Exception {
		int visitors = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		int clients = (args.length > 1) ? Integer.parseInt(args[1]) : 4;
		int requests = (args.length > 2) ? Integer.parseInt(args[2]) : 500;
		ScaleDatabase database = ScaleDatabase.fresh();
		Map<String, String> properties = new HashMap<>(database.storage());
		properties.put("uplift.storage.data-dir", Files.createTempDirectory("uplift-segments").toString());
		properties.put("uplift.bootstrap.api-key", KEY);
		properties.put("uplift.bootstrap.project-key", PROJECT);
		properties.put("uplift.limits.api-requests-per-second", "0");
		properties.put("uplift.quotas.storage-per-project", "0");
		try (NodeProcess node = new NodeProcess("segments", properties, List.of("-Xmx1g")).start()) {
			long testId = Experiments.create(new ApiClient(node.baseUrl(), KEY), BASE, "Segments", GOAL, 1);
			SegmentMeasurement measurement = new SegmentMeasurement(
					node.baseUrl() + BASE + "/experiment/" + testId + "/result?goal_key=" + GOAL + "&");
			long started = System.nanoTime();
			measurement.load(node.baseUrl(), testId, visitors);
			System.out.printf("imported %,d visitors (10 %% converting) in %.1f s%n", visitors,
					(System.nanoTime() - started) / 1e9);
			for (Map.Entry<String, String> query : QUERIES.entrySet()) {
				measurement.idle(query.getKey(), query.getValue(), requests);
			}
			Collecting collecting = new Collecting(node::baseUrl, testId, clients);
			try {
				for (Map.Entry<String, String> query : QUERIES.entrySet()) {
					measurement.whileCollecting(query.getKey(), query.getValue(), requests, collecting);
				}
			}
			finally {
				collecting.stop();
			}
		}
	}

	/**
	 * Imports the visitors over 30 days, one exposure each and a conversion for one in
	 * ten, in requests of {@value #IMPORT_EVENTS} events.
	 */
	private void load(String baseUrl, long testId, int visitors) throws Exception {
		SplittableRandom random = new SplittableRandom(42);
		StringBuilder body = new StringBuilder();
		int events = 0;
		for (int v = 0; v < visitors; v++) {
			String id = "v" + v;
			long at = START + (long) v * SPAN_MILLIS / visitors;
			Map<String, Object> exposure = Events.at(Events.exposure("x" + v, id, testId, random.nextInt(2)), at);
			exposure.put("attributes", attributes(random));
			body.append(json.writeValueAsString(exposure)).append('\n');
			events++;
			if (random.nextInt(10) == 0) {
				body.append(json.writeValueAsString(Events.at(Events.goal("g" + v, id, GOAL), at + 60_000)))
					.append('\n');
				events++;
			}
			if (events >= IMPORT_EVENTS || v == visitors - 1) {
				HttpResponse<String> response = this.http
					.send(HttpRequest.newBuilder(URI.create(baseUrl + BASE + "/import"))
						.header("Authorization", "Bearer " + KEY)
						.header("Content-Type", "application/x-ndjson")
						.timeout(java.time.Duration.ofMinutes(10))
						.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
						.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IllegalStateException("import: " + response.statusCode() + " " + response.body());
				}
				body.setLength(0);
				events = 0;
			}
		}
	}

	private static Map<String, Object> attributes(SplittableRandom random) {
		return Map.of("device", pick(DEVICES, random), "country", pick(COUNTRIES, random), "source",
				pick(SOURCES, random), "landing_page",
				(random.nextInt(4) == 0) ? "/pricing" : "/blog/post-" + random.nextInt(200));
	}

	private static String pick(String[] values, SplittableRandom random) {
		return values[random.nextInt(values.length)];
	}

	/**
	 * The scan path three times, then the index until it answers what the scan did, then
	 * the index's latency over the requests.
	 */
	private void idle(String name, String query, int requests) throws Exception {
		double[] scans = new double[3];
		String scanned = null;
		for (int i = 0; i < scans.length; i++) {
			long started = System.nanoTime();
			scanned = get(query + SCAN_ONLY);
			scans[i] = (System.nanoTime() - started) / 1e6;
		}
		Arrays.sort(scans);
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
		int fast = 0;
		while (fast < 20) {
			long started = System.nanoTime();
			String indexed = get(query);
			boolean quick = (System.nanoTime() - started) / 1e6 < scans[1] / 20;
			if (quick && !withoutDays(indexed).equals(withoutDays(scanned))) {
				throw new IllegalStateException(name + " by index differs from the scan:\n" + indexed + "\n" + scanned);
			}
			fast = quick ? fast + 1 : 0;
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(name + ": the index did not answer within 10 minutes");
			}
		}
		double[] millis = latencies(query, requests);
		System.out.printf("%s, idle: scan median %,.0f ms; index p50 %.2f / p99 %.2f ms (scan / index p99 = %,.0fx)%n",
				name, scans[1], percentile(millis, 0.5), percentile(millis, 0.99), scans[1] / percentile(millis, 0.99));
	}

	/**
	 * The index's latency while the clients collect, then once they stop, its answer
	 * against the scan's.
	 */
	private void whileCollecting(String name, String query, int requests, Collecting collecting) throws Exception {
		long before = collecting.events.get();
		long started = System.nanoTime();
		double[] millis = latencies(query, requests);
		double seconds = (System.nanoTime() - started) / 1e9;
		double rate = (collecting.events.get() - before) / seconds;
		collecting.pause();
		String indexed = get(query);
		String scanned = get(query + SCAN_ONLY);
		if (!withoutDays(indexed).equals(withoutDays(scanned))) {
			throw new IllegalStateException(
					name + " by index differs from the scan after collect:\n" + indexed + "\n" + scanned);
		}
		collecting.resume();
		System.out.printf(
				"%s, while collecting %,.0f events/s: index p50 %.2f / p99 %.2f ms; equal to the scan after%n", name,
				rate, percentile(millis, 0.5), percentile(millis, 0.99));
	}

	private double[] latencies(String query, int requests) throws Exception {
		double[] millis = new double[requests];
		for (int i = 0; i < requests; i++) {
			long started = System.nanoTime();
			get(query);
			millis[i] = (System.nanoTime() - started) / 1e6;
		}
		Arrays.sort(millis);
		return millis;
	}

	private String get(String query) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.resultUrl + query))
			.header("Authorization", "Bearer " + KEY)
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(query + ": " + response.statusCode() + " " + response.body());
		}
		return response.body();
	}

	/** The body without its days running, which moves on with the clock. */
	private static String withoutDays(String body) {
		return body.replaceAll("\"days_running\":\\d+", "");
	}

	private static double percentile(double[] sorted, double p) {
		return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
	}

	/**
	 * Clients collecting new visitors with attributes, batches of
	 * {@value #COLLECT_BATCH}, until stopped; paused while an answer is compared.
	 */
	private static final class Collecting {

		final AtomicLong events = new AtomicLong();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicLong paused = new AtomicLong();

		private final AtomicReference<Exception> failure = new AtomicReference<>();

		private final List<Thread> threads = new ArrayList<>();

		Collecting(Supplier<String> baseUrl, long testId, int clients) {
			for (int c = 0; c < clients; c++) {
				int client = c;
				Thread thread = new Thread(() -> run(baseUrl.get(), testId, client), "collect-" + c);
				thread.setDaemon(true);
				this.threads.add(thread);
				thread.start();
			}
		}

		private void run(String baseUrl, long testId, int client) {
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			SplittableRandom random = new SplittableRandom(client);
			long sent = 0;
			while (this.running.get()) {
				if (this.paused.get() > 0) {
					pauseBriefly();
					continue;
				}
				List<Map<String, Object>> batch = new ArrayList<>();
				for (int i = 0; i < COLLECT_BATCH; i++, sent++) {
					String id = "c" + client + "-" + sent;
					Map<String, Object> exposure = Events.exposure("x" + id, id, testId, random.nextInt(2));
					exposure.put("attributes", attributes(random));
					batch.add(exposure);
					if (random.nextInt(10) == 0) {
						batch.add(Events.goal("g" + id, id, GOAL));
					}
				}
				try {
					HttpResponse<String> response = http
						.send(HttpRequest.newBuilder(URI.create(baseUrl + BASE + "/collect"))
							.header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("events", batch))))
							.build(), HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() != 202) {
						throw new IllegalStateException("collect: " + response.statusCode() + " " + response.body());
					}
					this.events.addAndGet(batch.size());
				}
				catch (Exception ex) {
					// Every client stops: the rate and the comparisons would no longer be
					// those of the clients asked for.
					this.failure.compareAndSet(null, ex);
					this.running.set(false);
				}
			}
		}

		private static void pauseBriefly() {
			try {
				TimeUnit.MILLISECONDS.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		/**
		 * Waits until no request is in flight any more, and holds new ones back; throws
		 * when a client failed.
		 */
		void pause() throws InterruptedException {
			this.paused.incrementAndGet();
			long count = -1;
			while (count != this.events.get()) {
				count = this.events.get();
				TimeUnit.MILLISECONDS.sleep(500);
			}
			if (this.failure.get() != null) {
				throw new IllegalStateException("A collect client failed", this.failure.get());
			}
		}

		void resume() {
			this.paused.decrementAndGet();
		}

		void stop() {
			this.running.set(false);
			this.paused.set(0);
		}

	}

}
