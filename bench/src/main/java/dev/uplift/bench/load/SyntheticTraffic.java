package dev.uplift.bench.load;

import java.util.PriorityQueue;
import java.util.SplittableRandom;

import dev.uplift.assignment.Bucketing;
import dev.uplift.assignment.SplitRule;

/**
 * A seeded, time-ordered stream of import events for one experiment: visitors enter
 * evenly over the period, some return (a second exposure), about a tenth convert on the
 * goal, some of them repeatedly. The same seed and size always give the same events, and
 * the expected per-variant counts of any entry-day window follow from the stream (cohort
 * by entry, docs/api.md §2).
 */
final class SyntheticTraffic {

	static final long DAY_MS = 86_400_000L;

	static final int DAYS = 60;

	/**
	 * 2025-01-01T00:00:00Z: a fixed period, so that reruns load exactly the same rows.
	 */
	static final long START = 1_735_689_600_000L;

	static final long END = START + DAYS * DAY_MS;

	static final int VARIANTS = 3;

	private static final double[] WEIGHTS = { 1, 1, 1 };

	private static final double CONVERTER_SHARE = 0.10;

	private static final double RETURNING_SHARE = 0.10;

	private static final double REPEAT_CONVERSION = 0.4;

	static final String[] DEVICES = { "mobile", "mobile", "mobile", "desktop", "desktop", "tablet" };

	static final String[] BROWSERS = { "chrome", "chrome", "chrome", "safari", "safari", "firefox", "edge" };

	static final String[] OSES = { "android", "ios", "windows", "macos", "linux" };

	// 50 countries, the first ones more often, as a breakdown by country meets them.
	static final String[] COUNTRIES = { "US", "US", "US", "US", "GB", "GB", "DE", "DE", "FR", "IN", "IN", "BR", "CA",
			"JP", "NL", "ES", "IT", "MX", "AU", "SE", "PL", "TR", "ID", "KR", "AR", "CH", "BE", "AT", "NO", "DK", "FI",
			"IE", "PT", "CZ", "RO", "HU", "GR", "IL", "ZA", "EG", "NG", "KE", "SA", "AE", "SG", "MY", "TH", "VN", "PH",
			"NZ", "CL", "CO", "PE", "UA", "RU" };

	static final String[] SOURCES = { "search", "search", "direct", "social", "email", "referral" };

	static final String[] UTM_SOURCES = { null, null, "google", "facebook", "newsletter", "partner" };

	private final long seed;

	private final long visitors;

	private final long testId;

	// The experiment's own split, with its default seed (the test id), as the server
	// would assign.
	private final SplitRule split;

	private final String goalKey;

	private final PriorityQueue<Pending> pending = new PriorityQueue<>();

	private final long[][] entries = new long[DAYS][VARIANTS];

	private final long[][][] firstConversions = new long[DAYS][DAYS][VARIANTS];

	private long next;

	private long sequence;

	SyntheticTraffic(long seed, long visitors, long testId, String goalKey) {
		this.seed = seed;
		this.visitors = visitors;
		this.testId = testId;
		this.split = new SplitRule(testId, Bucketing.HASH_VERSION, Long.toString(testId), 100, WEIGHTS);
		this.goalKey = goalKey;
	}

	/** Visitors whose entry has been emitted so far. */
	long entered() {
		return this.next;
	}

	/** Whether every event has been emitted. */
	boolean done() {
		return this.next >= this.visitors && this.pending.isEmpty();
	}

	/**
	 * Emits the events up to the entry of visitor {@code untilVisitor} (exclusive), or
	 * all of them when that is past the last visitor.
	 */
	void emit(long untilVisitor, Sink sink) {
		long until = Math.min(untilVisitor, this.visitors);
		while (this.next < until) {
			long visitor = this.next++;
			long enteredAt = enteredAt(visitor);
			drain(enteredAt, sink);
			enter(visitor, enteredAt, sink);
		}
		if (this.next >= this.visitors) {
			drain(Long.MAX_VALUE, sink);
		}
	}

	private void drain(long upTo, Sink sink) {
		while (!this.pending.isEmpty() && this.pending.peek().at <= upTo) {
			Pending event = this.pending.poll();
			String visitorId = visitorId(event.visitor);
			if (event.goal) {
				sink.goal(eventId(event.at), visitorId, this.goalKey, event.at);
			}
			else {
				sink.exposure(eventId(event.at), visitorId, this.testId, event.variant, event.at,
						attributes(event.visitor));
			}
		}
	}

	private void enter(long visitor, long enteredAt, Sink sink) {
		String visitorId = visitorId(visitor);
		int variant = Bucketing.assign(this.split, visitorId).getAsInt();
		sink.exposure(eventId(enteredAt), visitorId, this.testId, variant, enteredAt, attributes(visitor));
		SplittableRandom random = new SplittableRandom(mix(this.seed ^ mix(visitor + 1)));
		int enteredDay = day(enteredAt);
		this.entries[enteredDay][variant]++;
		if (random.nextDouble() < RETURNING_SHARE) {
			schedule(new Pending(enteredAt + exponential(random, 2 * DAY_MS), visitor, variant, false));
		}
		if (random.nextDouble() < CONVERTER_SHARE) {
			long at = enteredAt + 1_000 + exponential(random, DAY_MS);
			if (at < END) {
				this.firstConversions[enteredDay][day(at)][variant]++;
			}
			do {
				schedule(new Pending(at, visitor, variant, true));
				at += 1_000 + exponential(random, 2 * DAY_MS);
			}
			while (random.nextDouble() < REPEAT_CONVERSION);
		}
	}

	private void schedule(Pending event) {
		if (event.at < END) {
			event.order = this.sequence++;
			this.pending.add(event);
		}
	}

	/**
	 * Expected visitors and converters per variant for entry days
	 * {@code [fromDay, toDay]} of the period (0-based).
	 */
	long[][] expected(int fromDay, int toDay) {
		long[][] counts = new long[VARIANTS][2];
		for (int entered = fromDay; entered <= toDay; entered++) {
			for (int v = 0; v < VARIANTS; v++) {
				counts[v][0] += this.entries[entered][v];
				for (int converted = entered; converted <= toDay; converted++) {
					counts[v][1] += this.firstConversions[entered][converted][v];
				}
			}
		}
		return counts;
	}

	/**
	 * When a visitor enters: visitors are numbered in order of entry, spread evenly over
	 * the period.
	 */
	private long enteredAt(long visitor) {
		return START + (long) ((visitor + unit(visitor, 0)) * (DAYS * (double) DAY_MS) / this.visitors);
	}

	/**
	 * The visitor's id as the browser script makes it: the time of the first visit (9
	 * base-36 digits of epoch milliseconds) and random-looking characters.
	 */
	String visitorId(long visitor) {
		return timeOrderedId(enteredAt(visitor), mix(this.seed * 31 + visitor));
	}

	/**
	 * An event id as the browser script makes it: the event's time, then random-looking
	 * characters.
	 */
	private String eventId(long at) {
		long n = this.sequence++;
		return timeOrderedId(at, mix(this.seed ^ (n * 0x9E3779B97F4A7C15L))) + hex(mix(n + 0x632BE59BD9B4E019L));
	}

	static String timeOrderedId(long epochMillis, long random) {
		String time = Long.toString(epochMillis, 36);
		return "0".repeat(Math.max(0, 9 - time.length())) + time + hex(random);
	}

	private String[] attributes(long visitor) {
		long h = mix(this.seed + 7 * visitor);
		return new String[] { pick(DEVICES, h), pick(BROWSERS, h >>> 8), pick(OSES, h >>> 16),
				pick(COUNTRIES, h >>> 24), pick(SOURCES, h >>> 32),
				((h >>> 40) % 4 == 0) ? "/pricing" : "/blog/post-" + ((h >>> 42) % 200), pick(UTM_SOURCES, h >>> 50),
				((h >>> 58) % 10 < 7) ? "new" : "returning" };
	}

	static String pick(String[] values, long bits) {
		return values[(int) Long.remainderUnsigned(bits, values.length)];
	}

	static int day(long at) {
		return (int) ((at - START) / DAY_MS);
	}

	private double unit(long visitor, int salt) {
		return (mix(this.seed + visitor * 2 + salt) >>> 11) * 0x1.0p-53;
	}

	private static long exponential(SplittableRandom random, long mean) {
		return (long) (-Math.log(1 - random.nextDouble()) * mean);
	}

	static String hex(long value) {
		String digits = Long.toHexString(value);
		return "0".repeat(16 - digits.length()) + digits;
	}

	/** SplitMix64's finaliser: a cheap, well-mixed hash of a long. */
	static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/** Receives the events in stream order. */
	interface Sink {

		void exposure(String eventId, String visitorId, long testId, int variant, long at, String[] attributes);

		void goal(String eventId, String visitorId, String goalKey, long at);

	}

	/** A later event of a visitor, waiting for its time in the stream. */
	private static final class Pending implements Comparable<Pending> {

		final long at;

		final long visitor;

		final int variant;

		final boolean goal;

		long order;

		Pending(long at, long visitor, int variant, boolean goal) {
			this.at = at;
			this.visitor = visitor;
			this.variant = variant;
			this.goal = goal;
		}

		@Override
		public int compareTo(Pending other) {
			int byTime = Long.compare(this.at, other.at);
			return (byTime != 0) ? byTime : Long.compare(this.order, other.order);
		}

	}

}
