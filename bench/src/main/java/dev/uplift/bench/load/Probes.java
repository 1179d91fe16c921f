package dev.uplift.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * Requests that measure how responsive a server stays during a phase of a benchmark: one
 * thread per kind of request, each a request at a time with a short pause between,
 * recording every latency and counting answers that are not 2xx (failures).
 */
final class Probes {

	private static final long PAUSE_MS = 20;

	private final String phase;

	private final Map<String, Histogram> latencies = new LinkedHashMap<>();

	private final Map<String, AtomicLong> failures = new LinkedHashMap<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final List<Thread> threads = new ArrayList<>();

	private Probes(String phase) {
		this.phase = phase;
	}

	/** Starts a thread per call, each sending its request until {@link #stop()}. */
	static Probes start(String phase, Map<String, Call> calls) {
		Probes probes = new Probes(phase);
		calls.forEach(probes::probe);
		return probes;
	}

	private void probe(String name, Call call) {
		Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
		AtomicLong failed = new AtomicLong();
		this.latencies.put(name, histogram);
		this.failures.put(name, failed);
		Thread thread = new Thread(() -> {
			while (this.running.get()) {
				long started = System.nanoTime();
				int status;
				try {
					status = call.status();
				}
				catch (Exception ex) {
					status = -1;
				}
				if (status / 100 != 2) {
					failed.incrementAndGet();
				}
				synchronized (histogram) {
					histogram.recordValue(System.nanoTime() - started);
				}
				UpliftProcess.sleep(PAUSE_MS);
			}
		}, name + "-probe");
		thread.start();
		this.threads.add(thread);
	}

	void stop() throws InterruptedException {
		this.running.set(false);
		for (Thread thread : this.threads) {
			thread.join();
		}
	}

	/** Answers that were not 2xx (or no answer), of every kind of request. */
	long failures() {
		return this.failures.values().stream().mapToLong(AtomicLong::get).sum();
	}

	void print() {
		this.latencies.forEach((name, histogram) -> System.out.printf(Locale.ROOT,
				"%-28s %-23s n=%,6d  p50 %8.1f ms  p99 %8.1f ms  max %8.1f ms  failed %d%n", this.phase, name,
				histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1e6,
				histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6,
				this.failures.get(name).get()));
	}

	/** One request; returns its HTTP status. */
	@FunctionalInterface
	interface Call {

		int status() throws Exception;

	}

}
