package dev.uplift.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The share of the host's CPU time that was busy between two readings of
 * {@code /proc/stat} (Linux): on one box, nodes, PostgreSQL, the proxy and the load
 * generator share the cores, so a scale-out that stops growing at 100 % busy is bound by
 * the box, not by anything that serialises.
 */
final class HostCpu {

	private static final Path STAT = Path.of("/proc/stat");

	private final long[] start;

	private HostCpu(long[] start) {
		this.start = start;
	}

	/** Starts a reading; {@link #busyShare()} is NaN where /proc/stat is absent. */
	static HostCpu start() {
		return new HostCpu(read());
	}

	/** Busy over total jiffies of all cores since {@link #start()}. */
	double busyShare() {
		long[] end = read();
		if (this.start == null || end == null) {
			return Double.NaN;
		}
		long total = 0;
		long idle = 0;
		for (int i = 0; i < end.length; i++) {
			long delta = end[i] - this.start[i];
			total += delta;
			// Fields 4 and 5 of the "cpu" line: idle and iowait.
			if (i == 3 || i == 4) {
				idle += delta;
			}
		}
		return total == 0 ? Double.NaN : 1.0 - (double) idle / total;
	}

	/** The "cpu" line's first eight counters (user to steal), or null. */
	private static long[] read() {
		try {
			String line = Files.readAllLines(STAT).get(0);
			String[] fields = line.trim().split("\\s+");
			return Arrays.stream(fields, 1, 9).mapToLong(Long::parseLong).toArray();
		}
		catch (IOException | RuntimeException unreadable) {
			return null;
		}
	}

}
