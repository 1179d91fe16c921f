package dev.uplift.bench.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

	static final String GOAL_KEY = "purchase";

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

			Probes idle = Probes.start("idle", probes(other, otherTest, "idle"));
			Thread.sleep((long) (idleSeconds * 1000));
			idle.stop();

			Probes busy = Probes.start("import", probes(other, otherTest, "import"));
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
	static byte[] ndjson(long testId, long events) {
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
	 * Single-event collect requests to the other project and health requests, each a
	 * request at a time.
	 */
	static Map<String, Probes.Call> probes(UpliftHttp other, long testId, String phase) {
		long[] sequence = new long[1];
		Map<String, Probes.Call> calls = new LinkedHashMap<>();
		calls.put("collect, other project", () -> {
			long n = sequence[0]++;
			StringBuilder event = new StringBuilder("{\"events\":[");
			EventJson.exposure(event, phase + "-" + n, phase + "-visitor-" + n, testId, (int) (n % 3), -1,
					new String[8]);
			return other.collect(event.append("]}").toString().getBytes(StandardCharsets.UTF_8));
		});
		calls.put("health", other::healthStatus);
		return calls;
	}

}
