package dev.uplift.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import dev.uplift.assignment.Bucketing;
import dev.uplift.assignment.SplitRule;

/**
 * Live events as a browser sends them to collect (no {@code ts}): four in five are the
 * exposure of a new visitor, one in five a goal of a visitor who entered a little
 * earlier. One generator per client thread; visitor ids start with the time, as the
 * browser script makes them, or are random UUIDs, as server-side SDKs often send database
 * or random ids; both carry the client's prefix so that clients never share a visitor.
 */
final class LiveTraffic {

	private static final double[] WEIGHTS = { 1, 1, 1 };

	private static final int RECENT = 1024;

	private final String prefix;

	private final long testId;

	// The experiment's own split, with its default seed (the test id), as the server
	// would assign.
	private final SplitRule split;

	private final String goalKey;

	private final SplittableRandom random;

	// Whether goals carry an order (1.00 to 200.00), as a shop's purchases do.
	private final boolean revenue;

	// Random UUIDs instead of time-ordered visitor ids.
	private final boolean randomIds;

	private final String[] recent = new String[RECENT];

	private long visitors;

	private long events;

	LiveTraffic(String prefix, long seed, long testId, String goalKey) {
		this(prefix, seed, testId, goalKey, false);
	}

	LiveTraffic(String prefix, long seed, long testId, String goalKey, boolean revenue) {
		this(prefix, seed, testId, goalKey, revenue, false);
	}

	LiveTraffic(String prefix, long seed, long testId, String goalKey, boolean revenue, boolean randomIds) {
		this.prefix = prefix;
		this.randomIds = randomIds;
		this.testId = testId;
		this.split = new SplitRule(testId, Bucketing.HASH_VERSION, Long.toString(testId), 100, WEIGHTS);
		this.goalKey = goalKey;
		this.random = new SplittableRandom(seed);
		this.revenue = revenue;
	}

	/** The next events; goals name only visitors of earlier calls. */
	List<LiveEvent> next(int count) {
		List<LiveEvent> batch = new ArrayList<>(count);
		List<String> entered = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String eventId = SyntheticTraffic.timeOrderedId(System.currentTimeMillis(), this.random.nextLong())
					+ this.prefix + Long.toString(this.events++, 36);
			StringBuilder json = new StringBuilder(400);
			if (this.visitors > 0 && this.random.nextInt(5) == 0) {
				String visitorId = this.recent[(int) (this.random.nextLong(Math.min(this.visitors, RECENT)))];
				EventJson.goal(json, eventId, visitorId, this.goalKey, -1,
						this.revenue ? 100 + this.random.nextInt(19_901) : -1);
				batch.add(new LiveEvent(true, eventId, visitorId, 0, null, json.toString()));
			}
			else {
				// Time first, as the browser script makes ids, or random; the client's
				// prefix keeps clients apart.
				String visitorId = (this.randomIds
						? new UUID(this.random.nextLong(), this.random.nextLong()).toString() + "-"
						: SyntheticTraffic.timeOrderedId(System.currentTimeMillis(), this.random.nextLong()))
						+ this.prefix;
				int variant = Bucketing.assign(this.split, visitorId).getAsInt();
				long h = this.random.nextLong();
				String[] attributes = { SyntheticTraffic.pick(SyntheticTraffic.DEVICES, h),
						SyntheticTraffic.pick(SyntheticTraffic.BROWSERS, h >>> 8),
						SyntheticTraffic.pick(SyntheticTraffic.OSES, h >>> 16),
						SyntheticTraffic.pick(SyntheticTraffic.COUNTRIES, h >>> 24),
						SyntheticTraffic.pick(SyntheticTraffic.SOURCES, h >>> 32), "/pricing",
						SyntheticTraffic.pick(SyntheticTraffic.UTM_SOURCES, h >>> 40), "new" };
				EventJson.exposure(json, eventId, visitorId, this.testId, variant, -1, attributes);
				batch.add(new LiveEvent(false, eventId, visitorId, variant, attributes, json.toString()));
				entered.add(visitorId);
			}
		}
		for (String visitorId : entered) {
			this.recent[(int) (this.visitors++ % RECENT)] = visitorId;
		}
		return batch;
	}

	/** A collect request body holding the events. */
	static byte[] collectBody(List<LiveEvent> events) {
		StringBuilder body = new StringBuilder(events.size() * 400).append("{\"events\":[");
		for (int i = 0; i < events.size(); i++) {
			body.append((i == 0) ? "" : ",").append(events.get(i).json());
		}
		return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
	}

	/** One live event, as JSON and as the values the writer stores. */
	record LiveEvent(boolean goal, String eventId, String visitorId, int variant, String[] attributes, String json) {
	}

}
