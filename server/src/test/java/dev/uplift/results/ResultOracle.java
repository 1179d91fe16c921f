package dev.uplift.results;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A plain in-memory model of docs/api.md §2, written independently of the server: who
 * enters, who converts, and what a date window counts.
 */
final class ResultOracle {

	private final ZoneId zone;

	private final Map<String, Long> entryTimes = new HashMap<>();

	private final Map<String, Integer> entryVariants = new HashMap<>();

	private final Map<String, Long> firstConversions = new HashMap<>();

	private final Map<String, Map<String, String>> entryAttributes = new HashMap<>();

	private final Map<String, Long> conversionCounts = new HashMap<>();

	private final Set<String> seenEventIds = new HashSet<>();

	// Per conversion key: revenue in cents, orders, orders left out.
	private final Map<String, long[]> revenue = new HashMap<>();

	ResultOracle(ZoneId zone) {
		this.zone = zone;
	}

	/** Applies one accepted event; returns false for a repeated event id. */
	boolean accept(String eventId) {
		return this.seenEventIds.add(eventId);
	}

	void expose(long testId, String visitor, int variant, long time, Map<String, String> attributes) {
		String key = testId + "|" + visitor;
		if (!this.entryTimes.containsKey(key)) {
			this.entryTimes.put(key, time);
			this.entryVariants.put(key, variant);
			this.entryAttributes.put(key, Map.copyOf(attributes));
		}
	}

	void convert(long testId, long goalId, String visitor, long time) {
		convert(testId, goalId, visitor, time, false, null);
	}

	/**
	 * A conversion that may carry an order: {@code ordered} with its revenue in cents, or
	 * null cents for an order whose currency has no rate.
	 */
	void convert(long testId, long goalId, String visitor, long time, boolean ordered, Long cents) {
		Long entered = this.entryTimes.get(testId + "|" + visitor);
		if (entered != null && time >= entered) {
			String key = testId + "|" + goalId + "|" + visitor;
			this.firstConversions.merge(key, time, Math::min);
			this.conversionCounts.merge(key, 1L, Long::sum);
			if (ordered) {
				long[] sums = this.revenue.computeIfAbsent(key, (k) -> new long[3]);
				sums[0] += (cents != null) ? cents : 0;
				sums[1] += (cents != null) ? 1 : 0;
				sums[2] += (cents != null) ? 0 : 1;
			}
		}
	}

	/**
	 * Per variant, of the entries in [start, end] the filter keeps whose visitors count
	 * as converted (as in {@link #countSegments}): revenue in cents, orders, the sum of
	 * each visitor's revenue squared, and orders left out.
	 */
	long[][] revenue(long testId, long goalId, int variants, LocalDate start, LocalDate end, Predicate<Visit> filter,
			int minCount, int timeframeDays) {
		long[][] sums = new long[variants][4];
		this.entryTimes.forEach((key, entered) -> {
			String[] parts = key.split("\\|", 2);
			Visit visit = new Visit(parts[1], entered, this.entryAttributes.get(key));
			if (Long.parseLong(parts[0]) != testId || !within(day(entered), start, end) || !filter.test(visit)) {
				return;
			}
			String conversion = testId + "|" + goalId + "|" + parts[1];
			Long converted = this.firstConversions.get(conversion);
			boolean counted = converted != null && (end == null || !day(converted).isAfter(end))
					&& this.conversionCounts.get(conversion) >= minCount
					&& (timeframeDays == 0 || converted - entered < timeframeDays * 86_400_000L);
			long[] visitor = this.revenue.get(conversion);
			if (counted && visitor != null) {
				long[] cell = sums[this.entryVariants.get(key)];
				cell[0] += visitor[0];
				cell[1] += visitor[1];
				cell[2] += visitor[0] * visitor[0];
				cell[3] += visitor[2];
			}
		});
		return sums;
	}

	/** The revenue of the server in the oracle's shape. */
	static long[][] revenueOf(List<RevenueTally> tallies) {
		long[][] sums = new long[tallies.size()][4];
		for (RevenueTally tally : tallies) {
			sums[tally.variant()] = new long[] { tally.revenueCents(), tally.orders(), (long) tally.revenueSquares(),
					tally.excludedOrders() };
		}
		return sums;
	}

	/**
	 * Visitors and converters per variant of the entries in [start, end] that the filter
	 * keeps, in total (key null) and per value of the breakdown's attribute ("unknown"
	 * when absent); a converter sent at least minCount goal events after entry and first
	 * converted by the end, within timeframeDays of entry when that is above 0.
	 */
	Map<String, long[][]> countSegments(long testId, long goalId, int variants, LocalDate start, LocalDate end,
			Predicate<Visit> filter, String breakdown, int minCount, int timeframeDays) {
		Map<String, long[][]> counts = new HashMap<>();
		counts.put(null, new long[variants][2]);
		this.entryTimes.forEach((key, entered) -> {
			String[] parts = key.split("\\|", 2);
			Visit visit = new Visit(parts[1], entered, this.entryAttributes.get(key));
			if (Long.parseLong(parts[0]) != testId || !within(day(entered), start, end) || !filter.test(visit)) {
				return;
			}
			int variant = this.entryVariants.get(key);
			String conversion = testId + "|" + goalId + "|" + parts[1];
			Long converted = this.firstConversions.get(conversion);
			boolean counted = converted != null && (end == null || !day(converted).isAfter(end))
					&& this.conversionCounts.get(conversion) >= minCount
					&& (timeframeDays == 0 || converted - entered < timeframeDays * 86_400_000L);
			List<String> cells = new ArrayList<>();
			cells.add(null);
			if (breakdown != null) {
				cells.add(visit.attributes().getOrDefault(breakdown, "unknown"));
			}
			for (String cell : cells) {
				long[][] tally = counts.computeIfAbsent(cell, (c) -> new long[variants][2]);
				tally[variant][0]++;
				tally[variant][1] += counted ? 1 : 0;
			}
		});
		return counts;
	}

	/**
	 * Visitors and converters per variant for entries in [start, end] (inclusive days;
	 * null = open).
	 */
	long[][] count(long testId, long goalId, int variants, LocalDate start, LocalDate end) {
		long[][] counts = new long[variants][2];
		this.entryTimes.forEach((key, entered) -> {
			String[] parts = key.split("\\|", 2);
			if (Long.parseLong(parts[0]) != testId || !within(day(entered), start, end)) {
				return;
			}
			int variant = this.entryVariants.get(key);
			counts[variant][0]++;
			Long converted = this.firstConversions.get(testId + "|" + goalId + "|" + parts[1]);
			if (converted != null && (end == null || !day(converted).isAfter(end))) {
				counts[variant][1]++;
			}
		});
		return counts;
	}

	/** The counts of the server in the oracle's shape. */
	static Map<String, long[][]> of(SegmentCounts counts) {
		Map<String, long[][]> shaped = new HashMap<>();
		shaped.put(null, of(counts.totals()));
		counts.segments().forEach((value, tallies) -> shaped.put(value, of(tallies)));
		return shaped;
	}

	static long[][] of(List<VariantTally> tallies) {
		long[][] counts = new long[tallies.size()][2];
		for (VariantTally tally : tallies) {
			counts[tally.variant()][0] = tally.visitors();
			counts[tally.variant()][1] = tally.conversions();
		}
		return counts;
	}

	private LocalDate day(long epochMillis) {
		return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), this.zone);
	}

	private static boolean within(LocalDate day, LocalDate start, LocalDate end) {
		return (start == null || !day.isBefore(start)) && (end == null || !day.isAfter(end));
	}

	/** A visitor's entry as filters see it. */
	record Visit(String visitorId, long enteredAt, Map<String, String> attributes) {
	}

}
