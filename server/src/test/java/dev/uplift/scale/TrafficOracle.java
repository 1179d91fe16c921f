package dev.uplift.scale;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The numbers a stream must produce, kept in memory by the plain rules of docs/api.md §4
 * and decisions.md: a visitor's first exposure to a live experiment is their entry, and a
 * goal or event counts for every entered experiment tracking it when it follows the
 * entry.
 */
final class TrafficOracle {

	private final Map<Long, long[]> visitors = new HashMap<>();

	private final Map<String, Integer> variants = new HashMap<>();

	private final Map<String, Tally> conversions = new HashMap<>();

	private final Set<String> converted = new HashSet<>();

	private final Set<String> eventIds = new HashSet<>();

	void experiment(long testId, int arms) {
		this.visitors.put(testId, new long[arms]);
	}

	/**
	 * An entry: the visitor is counted once, in the variant of the exposure that entered
	 * them.
	 */
	void enter(long testId, String visitorId, int variant) {
		this.visitors.get(testId)[variant]++;
		this.variants.put(key(testId, visitorId), variant);
	}

	/**
	 * A conversion event on a goal of an experiment, processed after the visitor's entry.
	 */
	void convert(long testId, long goalId, String visitorId, Double revenue) {
		Integer variant = this.variants.get(key(testId, visitorId));
		if (variant == null) {
			return;
		}
		Tally tally = this.conversions.computeIfAbsent(testId + ":" + goalId,
				(k) -> new Tally(this.visitors.get(testId).length));
		if (this.converted.add(testId + ":" + goalId + ":" + visitorId)) {
			tally.converters[variant]++;
		}
		tally.events[variant]++;
		if (revenue != null) {
			tally.orders[variant]++;
			tally.revenue[variant] += revenue;
		}
	}

	/**
	 * An event id that is accepted (stored in the event log) once, however often it is
	 * sent.
	 */
	void accepted(String eventId) {
		this.eventIds.add(eventId);
	}

	/** Whether the visitor has entered the experiment. */
	boolean entered(long testId, String visitorId) {
		return this.variants.containsKey(key(testId, visitorId));
	}

	long[] visitors(long testId) {
		return this.visitors.get(testId).clone();
	}

	/** Conversions of one goal in one experiment, per variant. */
	Tally conversions(long testId, long goalId) {
		return this.conversions.getOrDefault(testId + ":" + goalId, new Tally(this.visitors.get(testId).length));
	}

	int acceptedEvents() {
		return this.eventIds.size();
	}

	List<Long> experiments() {
		return List.copyOf(this.visitors.keySet());
	}

	private static String key(long testId, String visitorId) {
		return testId + ":" + visitorId;
	}

	/**
	 * Per variant: converting visitors, counted conversion events, events with revenue,
	 * revenue sum.
	 */
	static final class Tally {

		final long[] converters;

		final long[] events;

		final long[] orders;

		final double[] revenue;

		Tally(int arms) {
			this.converters = new long[arms];
			this.events = new long[arms];
			this.orders = new long[arms];
			this.revenue = new double[arms];
		}

	}

}
