package dev.uplift.tracking;

import java.util.concurrent.atomic.AtomicLong;

import java.security.SecureRandom;

/**
 * Event-log ids for events sent without an {@code event_id}: a random prefix per process
 * and a counter, unique across nodes without coordination, and cheaper than a random UUID
 * per event.
 */
final class ServerEventIds {

	private static final String PREFIX = "~" + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36) + "-";

	private static final AtomicLong counter = new AtomicLong();

	private ServerEventIds() {
	}

	static String next() {
		return PREFIX + Long.toString(counter.incrementAndGet(), 36);
	}

}
