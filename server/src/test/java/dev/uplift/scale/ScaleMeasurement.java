package dev.uplift.scale;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

import dev.uplift.support.ApiClient;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;

/**
 * Measures batched collect throughput, the share of transaction time spent waiting for
 * locks, and result latency of N Uplift processes on one project of one fresh PostgreSQL
 * database, then the database's raw rate for the writer's statements, for
 * docs/scaling.md. Arguments: nodes, events, events per batch, client threads, round-trip
 * delay in microseconds added by a TCP proxy between the nodes and PostgreSQL, seconds of
 * the raw-rate run (defaults 1, 200000, 500, 8, 0, 20). Needs
 * {@code UPLIFT_TEST_DATABASE=postgresql}; {@code bench/run.sh --postgresql-scale} runs
 * it.
 */
public final class ScaleMeasurement {

	private static final String KEY = "measure-test-key-0123456789abcdefghijklmnop";

	private static final String PROJECT = "MeasureProjectKey00001";

	private static final String BASE = "/v2/project/" + PROJECT;

	private static final int RESULT_REQUESTS = 500;

	/**
	 * How many batches after their exposure visitors convert: more than the requests in
	 * flight, as visitors who convert minutes after entering, so that concurrent batches
	 * share no visitor. With goals of a batch two places before, each batch would wait
	 * for that one, whichever node commits it.
	 */
	private static final int GOAL_LAG_BATCHES = 64;

	/** Most visitors in one transaction of the PostgreSQL writer (VisitorLocks). */
	private static final int VISITORS_PER_TRANSACTION = 1_000;

	private ScaleMeasurement() {
	}

	public static void main(String[] args) throws Exception {
		int nodeCount = argument(args, 0, 1);
		int events = argument(args, 1, 200_000);
		int batch = argument(args, 2, 500);
		int clients = argument(args, 3, 8);
		int roundTripMicros = argument(args, 4, 0);
		int rawSeconds = argument(args, 5, 20);
		ScaleDatabase database = ScaleDatabase.fresh();
		URI direct = URI.create(database.url().substring("jdbc:".length()));
		List<NodeProcess> nodes = new ArrayList<>();
		try (TcpProxy proxy = new TcpProxy(direct.getHost(), direct.getPort(), roundTripMicros / 2)) {
			Map<String, String> storage = new HashMap<>(database.storage());
			if (roundTripMicros > 0) {
				storage.put("uplift.storage.url",
						database.url().replace(":" + direct.getPort() + "/", ":" + proxy.port() + "/"));
			}
			for (int n = 0; n < nodeCount; n++) {
				Map<String, String> properties = new HashMap<>(storage);
				properties.put("uplift.storage.data-dir", Files.createTempDirectory("uplift-measure").toString());
				properties.put("uplift.bootstrap.api-key", KEY);
				properties.put("uplift.bootstrap.project-key", PROJECT);
				nodes.add(new NodeProcess("measure-" + n, properties, List.of("-Xmx1g")).start());
			}
			long testId = Experiments.create(new ApiClient(nodes.get(0).baseUrl(), KEY), BASE, "Measure",
					"measure-goal", 1);
			List<Supplier<String>> targets = new ArrayList<>();
			nodes.forEach((node) -> targets.add(node::baseUrl));
			Collector collector = new Collector(targets, BASE + "/collect");
			collector.deliver(bodies("warm", testId, Math.min(events, 40_000), batch), clients, (i) -> {
			});
			List<String> bodies = bodies("run", testId, events, batch);
			String user = database.storage().get("uplift.storage.user");
			String password = database.storage().get("uplift.storage.password");
			double seconds;
			try (LockWaitSampler sampler = new LockWaitSampler(database.url(), user, password);
					RoundTripProbe probe = new RoundTripProbe(storage.get("uplift.storage.url"), user, password)) {
				HostCpu cpu = HostCpu.start();
				long started = System.nanoTime();
				collector.deliver(bodies, clients, (i) -> {
				});
				seconds = (System.nanoTime() - started) / 1e9;
				double busy = cpu.busyShare();
				System.out.printf(
						"nodes=%d events=%d batch=%d clients=%d round-trip=%d us: %.1f s, %.0f events/s, "
								+ "lock wait %.1f %% of transaction time %s, %.2f transactions in flight, "
								+ "SELECT 1 as the nodes connect: median %.2f ms, host CPU busy %.0f %%, answers %s%n",
						nodeCount, events, batch, clients, roundTripMicros, seconds, events / seconds,
						100 * sampler.lockWaitShare(), sampler.lockWaitsByKind(), sampler.transactionsInFlight(),
						probe.medianMillis(), 100 * busy, collector.statuses());
			}
			for (NodeProcess node : nodes) {
				System.out.printf("result latency via %s over %d requests: %s%n", node.name(), RESULT_REQUESTS,
						resultLatency(node.baseUrl() + BASE + "/experiment/" + testId + "/result"));
			}
			if (rawSeconds > 0) {
				long rawTest = Experiments.create(new ApiClient(nodes.get(0).baseUrl(), KEY), BASE, "Raw", "raw-goal",
						1);
				// Transactions as large as the writer's under this load: as many requests
				// as
				// fit its limit of locked visitors (each event here has a visitor of its
				// own).
				int transaction = Math.max(1, VISITORS_PER_TRANSACTION / batch) * batch;
				double raw = RawWriterRate.measure(database.url(), user, password, rawTest, "raw-goal", transaction,
						rawSeconds);
				System.out.printf(
						"raw rate of the writer's statements, one connection straight to PostgreSQL, "
								+ "transactions of %d events: %.0f events/s; collect above is %.2f of it%n",
						transaction, raw, events / seconds / raw);
			}
		}
		finally {
			nodes.forEach(NodeProcess::close);
		}
	}

	/**
	 * Half exposures of new visitors, half goals of visitors exposed
	 * {@value #GOAL_LAG_BATCHES} batches earlier in the stream (named events of new
	 * visitors before that).
	 */
	private static List<String> bodies(String prefix, long testId, int events, int batch) {
		JsonMapper json = JsonMapper.builder().build();
		List<String> bodies = new ArrayList<>();
		int lag = GOAL_LAG_BATCHES * (batch / 2);
		int visitor = 0;
		for (int sent = 0; sent < events; sent += batch) {
			List<Map<String, Object>> list = new ArrayList<>();
			for (int i = 0; i < batch / 2; i++, visitor++) {
				String id = prefix + visitor;
				list.add(Events.exposure("x-" + id, id, testId, visitor % 2));
				if (visitor >= lag) {
					String earlier = prefix + (visitor - lag);
					list.add(Events.goal("g-" + earlier, earlier, "measure-goal"));
				}
				else {
					list.add(Events.named("n-" + id, id, "Scroll", null));
				}
			}
			bodies.add(json.writeValueAsString(Map.of("events", list)));
		}
		return bodies;
	}

	private static String resultLatency(String url) throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY).build();
		long[] micros = new long[RESULT_REQUESTS];
		for (int warm = 0; warm < 100; warm++) {
			http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		for (int i = 0; i < RESULT_REQUESTS; i++) {
			long started = System.nanoTime();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			micros[i] = (System.nanoTime() - started) / 1000;
			if (response.statusCode() != 200) {
				throw new IllegalStateException(response.statusCode() + " " + response.body());
			}
		}
		Arrays.sort(micros);
		return String.format("p50 %.2f ms, p99 %.2f ms", micros[RESULT_REQUESTS / 2] / 1000.0,
				micros[RESULT_REQUESTS * 99 / 100] / 1000.0);
	}

	private static int argument(String[] args, int index, int fallback) {
		return (args.length > index) ? Integer.parseInt(args[index]) : fallback;
	}

}
