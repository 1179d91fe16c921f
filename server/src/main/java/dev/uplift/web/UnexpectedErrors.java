package dev.uplift.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Logs the exceptions no handler expected without letting a client fill the disk: the
 * first of each kind (its class and the frame that threw it) with its stack trace, later
 * ones of that kind as one line with a count, at most once a minute.
 */
@Component
public class UnexpectedErrors {

	private static final Logger logger = LoggerFactory.getLogger(UnexpectedErrors.class);

	private static final long INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

	private static final int MAX_MESSAGE = 200;

	// Bounded: a flood of distinct kinds cannot grow the map, at worst a kind is told
	// again in full.
	private final Cache<String, Kind> kinds = Caffeine.newBuilder().maximumSize(500).build();

	/**
	 * Records one occurrence of an unexpected exception, logging it as the rate limit
	 * allows.
	 */
	public void record(Throwable ex) {
		Kind kind = this.kinds.get(kindOf(ex), (key) -> new Kind());
		long now = System.nanoTime();
		if (kind.claimFirst()) {
			logger.error("Unexpected error (later ones of this kind are counted, at most one line a minute)", ex);
			kind.lastLogged.set(now);
			return;
		}
		kind.untold.incrementAndGet();
		long last = kind.lastLogged.get();
		if (now - last >= INTERVAL_NANOS && kind.lastLogged.compareAndSet(last, now)) {
			logger.error("Unexpected error, {} more of this kind since it was last told: {}: {}",
					kind.untold.getAndSet(0), ex.getClass().getName(), oneLine(ex.getMessage()));
		}
	}

	private static String kindOf(Throwable ex) {
		StackTraceElement[] trace = ex.getStackTrace();
		return ex.getClass().getName() + " at " + ((trace.length > 0) ? trace[0] : "?");
	}

	/** The message on one line, bounded: it may hold what a client sent. */
	private static String oneLine(String message) {
		if (message == null) {
			return "";
		}
		String line = message.codePoints()
			.limit(MAX_MESSAGE)
			.map((c) -> Character.isISOControl(c) ? ' ' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return (message.length() > line.length()) ? line + "..." : line;
	}

	private static final class Kind {

		private final AtomicLong lastLogged = new AtomicLong();

		private final AtomicLong untold = new AtomicLong();

		private volatile boolean told;

		private synchronized boolean claimFirst() {
			if (this.told) {
				return false;
			}
			this.told = true;
			return true;
		}

	}

}
