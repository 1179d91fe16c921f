package dev.uplift.bench.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An Uplift server started by the benchmark on a data directory of its own, with keys it
 * chose.
 */
final class UpliftProcess implements AutoCloseable {

	static final String PROJECT_KEY = "BenchProjectKey0000001";

	static final String API_KEY = "bench-api-key-0123456789abcdefghijklmnopqrstuvwxyz";

	private final Process process;

	private final UpliftHttp http;

	private final long startedMillis;

	private UpliftProcess(Process process, UpliftHttp http, long startedMillis) {
		this.process = process;
		this.http = http;
		this.startedMillis = startedMillis;
	}

	/**
	 * Starts the server and waits until it serves {@code /actuator/health}.
	 * @param command the launch command: {@code bin/uplift} or {@code java -jar ...}
	 * @param javaOptions JVM options, passed as {@code JAVA_OPTS} to the script or put
	 * before {@code -jar}
	 */
	static UpliftProcess start(List<String> command, String javaOptions, Path dataDir, Path log) throws IOException {
		int port = freePort();
		List<String> full = new ArrayList<>();
		full.add(command.get(0));
		if (command.get(0).equals("java") && !javaOptions.isBlank()) {
			full.addAll(List.of(javaOptions.trim().split("\\s+")));
		}
		full.addAll(command.subList(1, command.size()));
		ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().put("UPLIFT_DATA_DIR", dataDir.toString());
		builder.environment().put("UPLIFT_BOOTSTRAP_PROJECT_KEY", PROJECT_KEY);
		builder.environment().put("UPLIFT_BOOTSTRAP_API_KEY", API_KEY);
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		// The demo's own origin on a random port: the one after the server's may
		// be taken.
		builder.environment().put("UPLIFT_DEMO_PORT", "0");
		builder.environment().put("JAVA_OPTS", javaOptions);
		// One client measuring the result route's latency with one key, not a tenant to
		// hold back: the per-key request limit is off.
		builder.environment().put("UPLIFT_LIMITS_APIREQUESTSPERSECOND", "0");
		// The full run keeps more than the default quota of events (10 GB) in its one
		// project: without this its last collect phases were answered 409.
		builder.environment().put("UPLIFT_QUOTAS_STORAGEPERPROJECT", "0");
		long started = System.nanoTime();
		Process process = builder.start();
		UpliftHttp http = new UpliftHttp(port, PROJECT_KEY, API_KEY);
		while (http.health() != 200) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Uplift exited with " + process.exitValue() + "; see " + log);
			}
			if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(5)) {
				process.destroyForcibly();
				throw new IllegalStateException("Uplift did not become healthy in 5 minutes; see " + log);
			}
			sleep(20);
		}
		return new UpliftProcess(process, http, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
	}

	UpliftHttp http() {
		return this.http;
	}

	/** Milliseconds from launching the process to the first served health request. */
	long startupMillis() {
		return this.startedMillis;
	}

	/**
	 * Forces a full collection with {@code jcmd GC.run}, then reads the heap in use
	 * (which also holds what was allocated since) and the live data the collection left:
	 * what the server keeps alive.
	 */
	HeapAfterGc heapAfterGc() throws IOException, InterruptedException {
		Process jcmd = new ProcessBuilder("jcmd", Long.toString(this.process.pid()), "GC.run").redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (jcmd.waitFor() != 0) {
			throw new IllegalStateException("jcmd GC.run failed for pid " + this.process.pid());
		}
		sleep(500);
		return new HeapAfterGc(this.http.heapUsed(), this.http.liveDataAfterGc());
	}

	/** Heap figures after a forced full collection, in bytes. */
	record HeapAfterGc(long used, long liveData) {
	}

	/**
	 * Stops the server as a service manager would (SIGTERM) and waits; returns the exit
	 * code.
	 */
	int stop() throws InterruptedException {
		this.http.close();
		this.process.destroy();
		if (!this.process.waitFor(2, TimeUnit.MINUTES)) {
			this.process.destroyForcibly();
			this.process.waitFor();
		}
		return this.process.exitValue();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			stop();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
