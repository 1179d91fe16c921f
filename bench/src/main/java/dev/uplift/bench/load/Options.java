package dev.uplift.bench.load;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * Command-line options of {@link LoadBenchmark}; {@code --short} sets the small CI sizes.
 */
final class Options {

	boolean shortMode;

	/**
	 * Loads and measures results idle, then only batched and single-event collect: for
	 * iterating on ingestion.
	 */
	boolean collectOnly;

	long visitors = 10_000_000;

	long seed = 42;

	int clients = 64;

	int singleClients = 200;

	double collectSeconds = 60;

	double singleSeconds = 30;

	// Both JVMs compile the collect path for about 20 s (-XX:+PrintCompilation: 1,475
	// compilations in the generator in the phase's first 5 s, 30-85 per 5 s after 20 s;
	// the server's tier-4 thresholds are raised for start-up), and the compiler threads
	// take the same two cores.
	double warmupSeconds = 20;

	double resultWarmupSeconds = 15;

	double rawSeconds = 30;

	long baselineSeconds = 120;

	int resultRequests = 1_000;

	int startupRuns = 3;

	long importVisitors = 100_000;

	String launch = "bin";

	String serverOptions = "";

	Path root = Path.of(".");

	Path dataDir;

	Path out;

	Path jar;

	static Options parse(String[] args) {
		Options o = new Options();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--short")) {
				o.shortMode = true;
				o.visitors = 200_000;
				o.collectSeconds = 5;
				o.singleSeconds = 3;
				o.warmupSeconds = 1;
				o.resultWarmupSeconds = 3;
				o.rawSeconds = 3;
				o.baselineSeconds = 3;
				o.resultRequests = 200;
				o.startupRuns = 1;
				continue;
			}
			if (arg.equals("--collect-only")) {
				o.collectOnly = true;
				continue;
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("Missing value for " + arg);
			}
			String value = args[++i];
			switch (arg) {
				case "--visitors" -> o.visitors = Long.parseLong(value.replace("_", ""));
				case "--seed" -> o.seed = Long.parseLong(value);
				case "--clients" -> o.clients = Integer.parseInt(value);
				case "--single-clients" -> o.singleClients = Integer.parseInt(value);
				case "--collect-seconds" -> o.collectSeconds = Double.parseDouble(value);
				case "--single-seconds" -> o.singleSeconds = Double.parseDouble(value);
				case "--collect-warmup-seconds" -> o.warmupSeconds = Double.parseDouble(value);
				case "--result-warmup-seconds" -> o.resultWarmupSeconds = Double.parseDouble(value);
				case "--raw-seconds" -> o.rawSeconds = Double.parseDouble(value);
				case "--result-requests" -> o.resultRequests = Integer.parseInt(value);
				case "--startup-runs" -> o.startupRuns = Integer.parseInt(value);
				case "--launch" -> o.launch = value;
				case "--server-opts" -> o.serverOptions = value;
				case "--root" -> o.root = Path.of(value);
				case "--data-dir" -> o.dataDir = Path.of(value);
				case "--out" -> o.out = Path.of(value);
				default -> throw new IllegalArgumentException("Unknown option " + arg);
			}
		}
		// Checked before loading: a negative pause would otherwise fail only after the
		// load, minutes in.
		if (DoubleStream
			.of(o.collectSeconds, o.singleSeconds, o.warmupSeconds, o.resultWarmupSeconds, o.rawSeconds,
					o.baselineSeconds)
			.anyMatch((seconds) -> seconds < 0)) {
			throw new IllegalArgumentException("Durations in seconds must not be negative");
		}
		if (Math.max(o.clients, o.singleClients) > UpliftHttp.MAX_CLIENTS) {
			throw new IllegalArgumentException("At most " + UpliftHttp.MAX_CLIENTS + " clients");
		}
		o.root = o.root.toAbsolutePath().normalize();
		if (o.dataDir == null) {
			o.dataDir = o.root.resolve("bench/target/bench/data");
		}
		if (o.out == null) {
			o.out = o.root.resolve("bench/target/bench/report.json");
		}
		o.jar = o.root.resolve("server/target/uplift-exec.jar");
		return o;
	}

	List<String> binCommand() {
		return List.of(this.root.resolve("bin/uplift").toString());
	}

	/** How the measured server is started: the documented launch or the plain fat jar. */
	List<String> launchCommand() {
		return this.launch.equals("jar") ? List.of("java", "-jar", this.jar.toString()) : binCommand();
	}

}
