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
import java.util.TreeMap;
import java.util.function.BiConsumer;
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

	// Per conversion key: the instant and properties of every conversion event.
	private final Map<String, List<Map.Entry<Long, Map<String, Object>>>> conversionEvents = new HashMap<>();

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
		convert(testId, goalId, visitor, time, ordered, cents, Map.of());
	}

	/**
	 * As above, keeping the event's properties for {@link #countByEvents}, as the event
	 * log keeps every event, counted or not.
	 */
	void convert(long testId, long goalId, String visitor, long time, boolean ordered, Long cents,
			Map<String, Object> properties) {
		this.conversionEvents.computeIfAbsent(testId + "|" + goalId + "|" + visitor, (k) -> new ArrayList<>())
			.add(Map.entry(time, properties));
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
		forEachVisit(testId, start, end, filter, (key, visit) -> {
			long entered = visit.enteredAt();
			String conversion = testId + "|" + goalId + "|" + visit.visitorId();
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
		return countSegments(testId, goalId, variants, start, end, filter, breakdown, minCount, timeframeDays,
				Cut.NONE);
	}

	/** As above, of the entries and first conversions the cut keeps. */
	Map<String, long[][]> countSegments(long testId, long goalId, int variants, LocalDate start, LocalDate end,
			Predicate<Visit> filter, String breakdown, int minCount, int timeframeDays, Cut cut) {
		Map<String, long[][]> counts = new HashMap<>();
		counts.put(null, new long[variants][2]);
		this.entryTimes.forEach((key, entered) -> {
			String[] parts = key.split("\\|", 2);
			Visit visit = new Visit(parts[1], entered, this.entryAttributes.get(key));
			if (Long.parseLong(parts[0]) != testId || !within(day(entered), start, end) || !filter.test(visit)
					|| !cut.keepsEntry(entered)) {
				return;
			}
			int variant = this.entryVariants.get(key);
			String conversion = testId + "|" + goalId + "|" + parts[1];
			Long converted = this.firstConversions.get(conversion);
			boolean counted = converted != null && (end == null || !day(converted).isAfter(end))
					&& converted < cut.convertedBefore() && this.conversionCounts.get(conversion) >= minCount
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
	 * Visitors and converters per variant of the entries in [start, end] the filter
	 * keeps, a visitor converting by the conversion events whose properties {@code keeps}
	 * accepts alone, of those at or after both the entry and the first counted conversion
	 * (docs/decisions.md, event attributes): the first of them by the end, at least
	 * minCount of them, the first within timeframeDays of entry when above 0.
	 */
	long[][] countByEvents(long testId, long goalId, int variants, LocalDate start, LocalDate end,
			Predicate<Visit> filter, Predicate<Map<String, Object>> keeps, int minCount, int timeframeDays) {
		long[][] counts = new long[variants][2];
		forEachVisit(testId, start, end, filter, (key, visit) -> {
			long entered = visit.enteredAt();
			String conversion = testId + "|" + goalId + "|" + visit.visitorId();
			long from = Math.max(entered, this.firstConversions.getOrDefault(conversion, Long.MAX_VALUE));
			List<Long> kept = this.conversionEvents.getOrDefault(conversion, List.of())
				.stream()
				.filter((event) -> event.getKey() >= from && keeps.test(event.getValue()))
				.map(Map.Entry::getKey)
				.toList();
			Long first = kept.stream().min(Long::compare).orElse(null);
			int variant = this.entryVariants.get(key);
			counts[variant][0]++;
			if (first != null && (end == null || !day(first).isAfter(end)) && kept.size() >= minCount
					&& (timeframeDays == 0 || first - entered < timeframeDays * 86_400_000L)) {
				counts[variant][1]++;
			}
		});
		return counts;
	}

	/**
	 * Each entry of the test in [start, end] that the filter keeps: its key and visit.
	 */
	private void forEachVisit(long testId, LocalDate start, LocalDate end, Predicate<Visit> filter,
			BiConsumer<String, Visit> action) {
		this.entryTimes.forEach((key, entered) -> {
			String[] parts = key.split("\\|", 2);
			Visit visit = new Visit(parts[1], entered, this.entryAttributes.get(key));
			if (Long.parseLong(parts[0]) == testId && within(day(entered), start, end) && filter.test(visit)) {
				action.accept(key, visit);
			}
		});
	}

	/**
	 * Visitors and converters per variant for entries in [start, end] (inclusive days;
	 * null = open).
	 */
	long[][] count(long testId, long goalId, int variants, LocalDate start, LocalDate end) {
		return count(testId, goalId, variants, start, end, Cut.NONE);
	}

	/** As above, of the entries and first conversions the cut keeps. */
	long[][] count(long testId, long goalId, int variants, LocalDate start, LocalDate end, Cut cut) {
		long[][] counts = new long[variants][2];
		this.entryTimes.forEach((key, entered) -> {
			String[] parts = key.split("\\|", 2);
			if (Long.parseLong(parts[0]) != testId || !within(day(entered), start, end) || !cut.keepsEntry(entered)) {
				return;
			}
			int variant = this.entryVariants.get(key);
			counts[variant][0]++;
			Long converted = this.firstConversions.get(testId + "|" + goalId + "|" + parts[1]);
			if (converted != null && (end == null || !day(converted).isAfter(end))
					&& converted < cut.convertedBefore()) {
				counts[variant][1]++;
			}
		});
		return counts;
	}

	/**
	 * Per day of the entries in [start, end] that the filter keeps, read in zone, and per
	 * variant: the visitors who entered that day and those of them whose first conversion
	 * fell on it (counted as {@link #countSegments} counts a converter); days without
	 * either are left out.
	 */
	Map<LocalDate, long[][]> daily(long testId, long goalId, int variants, LocalDate start, LocalDate end, ZoneId zone,
			Predicate<Visit> filter, int minCount, int timeframeDays) {
		Map<LocalDate, long[][]> days = new TreeMap<>();
		this.entryTimes.forEach((key, entered) -> {
			String[] parts = key.split("\\|", 2);
			LocalDate entryDay = LocalDate.ofInstant(Instant.ofEpochMilli(entered), zone);
			Visit visit = new Visit(parts[1], entered, this.entryAttributes.get(key));
			if (Long.parseLong(parts[0]) != testId || !within(entryDay, start, end) || !filter.test(visit)) {
				return;
			}
			int variant = this.entryVariants.get(key);
			days.computeIfAbsent(entryDay, (d) -> new long[variants][2])[variant][0]++;
			String conversion = testId + "|" + goalId + "|" + parts[1];
			Long converted = this.firstConversions.get(conversion);
			if (converted == null) {
				return;
			}
			LocalDate conversionDay = LocalDate.ofInstant(Instant.ofEpochMilli(converted), zone);
			if ((end == null || !conversionDay.isAfter(end)) && this.conversionCounts.get(conversion) >= minCount
					&& (timeframeDays == 0 || converted - entered < timeframeDays * 86_400_000L)) {
				days.computeIfAbsent(conversionDay, (d) -> new long[variants][2])[variant][1]++;
			}
		});
		return days;
	}

	/** The daily counts of the server in the oracle's shape. */
	static Map<LocalDate, long[][]> of(DailyCounts daily, int variants) {
		Map<LocalDate, long[][]> days = new TreeMap<>();
		if (daily.firstDay().isEmpty()) {
			return days;
		}
		for (long day = daily.firstDay().getAsLong(); day <= daily.lastDay().getAsLong(); day++) {
			long[][] cell = new long[variants][2];
			boolean any = false;
			for (int variant = 0; variant < variants; variant++) {
				cell[variant][0] = daily.entries(variant, day);
				cell[variant][1] = daily.conversions(variant, day);
				any |= cell[variant][0] > 0 || cell[variant][1] > 0;
			}
			if (any) {
				days.put(LocalDate.ofEpochDay(day), cell);
			}
		}
		return days;
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

	/**
	 * A report phase as instants (docs/decisions.md#serving-a-winner): entries in
	 * [enteredFrom, enteredBefore), first conversions before convertedBefore.
	 */
	record Cut(long enteredFrom, long enteredBefore, long convertedBefore) {

		static final Cut NONE = new Cut(Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

		/** pre_deploy: the A/B period before the deploy instant. */
		static Cut before(long deployedAt) {
			return new Cut(Long.MIN_VALUE, deployedAt, deployedAt);
		}

		/** post_deploy: entries at or after the deploy instant. */
		static Cut from(long deployedAt) {
			return new Cut(deployedAt, Long.MAX_VALUE, Long.MAX_VALUE);
		}

		boolean keepsEntry(long entered) {
			return entered >= this.enteredFrom && entered < this.enteredBefore;
		}

	}

	/** A visitor's entry as filters see it. */
	record Visit(String visitorId, long enteredAt, Map<String, String> attributes) {
	}

}
