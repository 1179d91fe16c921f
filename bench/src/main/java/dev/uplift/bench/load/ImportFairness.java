package dev.uplift.bench.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.HdrHistogram.Histogram;

/**
 * Whether a big import starves everybody else (docs/operations.md, fair sharing): starts
 * Uplift through {@code bin/uplift} on a fresh data directory, measures the latency of
 * single-event collect requests to a second project and of {@code /actuator/health} while
 * idle, then again while one NDJSON import of many events runs into the first project,
 * and prints both. Run it with
 * {@code java -cp bench/target/benchmarks.jar dev.uplift.bench.load.ImportFairness
 * [--events N] [--idle-seconds S] [--root DIR] [--server-opts JAVA_OPTS]}.
 */
public final class ImportFairness {

	private static final String GOAL_KEY = "purchase";

	private static final long PROBE_PAUSE_MS = 20;

	private ImportFairness() {
	}

	public static void main(String[] args) throws Exception {
		long events = 300_000;
		double idleSeconds = 10;
		Path root = Path.of(".");
		String serverOptions = "";
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--events" -> events = Long.parseLong(args[i + 1].replace("_", ""));
				case "--idle-seconds" -> idleSeconds = Double.parseDouble(args[i + 1]);
				case "--root" -> root = Path.of(args[i + 1]);
				case "--server-opts" -> serverOptions = args[i + 1];
				default -> throw new IllegalArgumentException("Unknown option " + args[i]);
			}
		}
		root = root.toAbsolutePath().normalize();
		Path work = root.resolve("bench/target/import-fairness");
		LoadBenchmark.deleteTree(work);
		Files.createDirectories(work);
		try (UpliftProcess server = UpliftProcess.start(List.of(root.resolve("bin/uplift").toString()), serverOptions,
				work.resolve("data"), work.resolve("uplift.log"))) {
			UpliftHttp importing = server.http();
			long importTest = importing.createExperiment(GOAL_KEY);
			UpliftHttp other = importing.createProject("Other");
			long otherTest = other.createExperiment(GOAL_KEY);
			byte[] body = ndjson(importTest, events);
			System.out.printf(Locale.ROOT, "import body: %,d events, %,.1f MB%n", events, body.length / 1e6);

			Probes idle = Probes.start(other, otherTest, "idle");
			Thread.sleep((long) (idleSeconds * 1000));
			idle.stop();

			Probes busy = Probes.start(other, otherTest, "import");
			long started = System.nanoTime();
			long accepted = importing.importLines(body);
			double seconds = (System.nanoTime() - started) / 1e9;
			busy.stop();

			System.out.printf(Locale.ROOT, "import: %,d events accepted in %.1f s, %,.0f events/s%n", accepted, seconds,
					accepted / seconds);
			idle.print();
			busy.print();
		}
	}

	/**
	 * Exposures of distinct visitors and a conversion for every fourth, with times spread
	 * over the last 30 days.
	 */
	private static byte[] ndjson(long testId, long events) {
		StringBuilder lines = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, events * 200));
		String[] attributes = new String[8];
		long now = System.currentTimeMillis();
		long span = TimeUnit.DAYS.toMillis(30);
		for (long i = 0; i < events; i++) {
			long visitor = i * 4 / 5;
			long at = now - span + (span * i / events);
			if (i % 5 == 4) {
				EventJson.goal(lines, "g-" + i, "v-" + (visitor - 1), GOAL_KEY, at);
			}
			else {
				EventJson.exposure(lines, "e-" + i, "v-" + visitor, testId, (int) (visitor % 3), at, attributes);
			}
			lines.append('\n');
		}
		return lines.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * One thread sending single-event collect requests to the other project and one
	 * probing health, each a request at a time with a short pause between.
	 */
	private static final class Probes {

		private final String phase;

		private final Histogram collect = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);

		private final Histogram health = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final List<Thread> threads = new ArrayList<>();

		private Probes(String phase) {
			this.phase = phase;
		}

		static Probes start(UpliftHttp other, long testId, String phase) {
			Probes probes = new Probes(phase);
			long[] sequence = new long[1];
			probes.probe("collect-probe", probes.collect, () -> {
				long n = sequence[0]++;
				StringBuilder event = new StringBuilder("{\"events\":[");
				EventJson.exposure(event, phase + "-" + n, phase + "-visitor-" + n, testId, (int) (n % 3), -1,
						new String[8]);
				return other.collect(event.append("]}").toString().getBytes(StandardCharsets.UTF_8));
			});
			probes.probe("health-probe", probes.health, other::healthStatus);
			return probes;
		}

		private void probe(String name, Histogram latencies, Call call) {
			Thread thread = new Thread(() -> {
				while (this.running.get()) {
					long started = System.nanoTime();
					try {
						int status = call.status();
						if (status / 100 != 2) {
							throw new IllegalStateException(name + " answered " + status);
						}
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					synchronized (latencies) {
						latencies.recordValue(System.nanoTime() - started);
					}
					UpliftProcess.sleep(PROBE_PAUSE_MS);
				}
			}, name);
			thread.start();
			this.threads.add(thread);
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			for (Thread thread : this.threads) {
				thread.join();
			}
		}

		void print() {
			print("collect, other project", this.collect);
			print("health", this.health);
		}

		private void print(String what, Histogram latencies) {
			System.out.printf(Locale.ROOT, "%-7s %-23s n=%,6d  p50 %8.1f ms  p99 %8.1f ms  max %8.1f ms%n", this.phase,
					what, latencies.getTotalCount(), latencies.getValueAtPercentile(50) / 1e6,
					latencies.getValueAtPercentile(99) / 1e6, latencies.getMaxValue() / 1e6);
		}

	}

	@FunctionalInterface
	private interface Call {

		int status() throws Exception;

	}

}
