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

	// Per conversion key, its orders: time, revenue in cents (0 when left out), 1 when
	// left out.
	private final Map<String, List<long[]>> orders = new HashMap<>();

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
				this.orders.computeIfAbsent(key, (k) -> new ArrayList<>())
					.add(new long[] { time, (cents != null) ? cents : 0, (cents != null) ? 0 : 1 });
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
		return revenueSegments(testId, goalId, variants, start, end, filter, null, minCount, timeframeDays, Cut.NONE)
			.get(null);
	}

	/**
	 * As {@link #revenue}, in total (key null) and per value of the breakdown's
	 * attribute, of the entries, first conversions and orders the cut keeps.
	 */
	Map<String, long[][]> revenueSegments(long testId, long goalId, int variants, LocalDate start, LocalDate end,
			Predicate<Visit> filter, String breakdown, int minCount, int timeframeDays, Cut cut) {
		Map<String, long[][]> sums = new HashMap<>();
		sums.put(null, new long[variants][4]);
		walk(testId, goalId, start, end, this.zone, filter, minCount, timeframeDays, cut,
				(visit, variant, converted, conversion) -> {
					long[] visitor = (converted != null) ? visitorRevenue(conversion, cut) : new long[3];
					for (String cell : cells(visit, breakdown)) {
						add(sums.computeIfAbsent(cell, (c) -> new long[variants][4])[variant], visitor);
					}
				});
		return sums;
	}

	private static void add(long[] cell, long[] visitor) {
		cell[0] += visitor[0];
		cell[1] += visitor[1];
		cell[2] += visitor[0] * visitor[0];
		cell[3] += visitor[2];
	}

	/** A visitor's revenue, orders and orders left out, of the orders the cut keeps. */
	private long[] visitorRevenue(String conversion, Cut cut) {
		long[] sums = new long[3];
		for (long[] order : this.orders.getOrDefault(conversion, List.of())) {
			if (order[0] < cut.orderedBefore()) {
				sums[0] += order[1];
				sums[1] += 1 - order[2];
				sums[2] += order[2];
			}
		}
		return sums;
	}

	private static List<String> cells(Visit visit, String breakdown) {
		List<String> cells = new ArrayList<>();
		cells.add(null);
		if (breakdown != null) {
			cells.add(visit.attributes().getOrDefault(breakdown, "unknown"));
		}
		return cells;
	}

	/**
	 * The revenue of the server's segments in the oracle's shape: in total (key null) and
	 * per segment.
	 */
	static Map<String, long[][]> revenueOfSegments(SegmentCounts counts) {
		Map<String, long[][]> shaped = new HashMap<>();
		shaped.put(null, revenueOf(counts.revenueTotals()));
		counts.countedSegments().forEach((value, counted) -> shaped.put(value, revenueOf(counted.revenue())));
		return shaped;
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
		walk(testId, goalId, start, end, this.zone, filter, minCount, timeframeDays, cut,
				(visit, variant, converted, conversion) -> {
					for (String cell : cells(visit, breakdown)) {
						long[][] tally = counts.computeIfAbsent(cell, (c) -> new long[variants][2]);
						tally[variant][0]++;
						tally[variant][1] += (converted != null) ? 1 : 0;
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
			if (first != null && (end == null || !day(first, this.zone).isAfter(end)) && kept.size() >= minCount
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
			if (Long.parseLong(parts[0]) == testId && within(day(entered, this.zone), start, end)
					&& filter.test(visit)) {
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
		return countSegments(testId, goalId, variants, start, end, (visit) -> true, null, 1, 0, cut).get(null);
	}

	/**
	 * Per day of the entries in [start, end] that the filter keeps, read in zone, and per
	 * variant: the visitors who entered that day and those of them whose first conversion
	 * fell on it (counted as {@link #countSegments} counts a converter); days without
	 * either are left out.
	 */
	Map<LocalDate, long[][]> daily(long testId, long goalId, int variants, LocalDate start, LocalDate end, ZoneId zone,
			Predicate<Visit> filter, int minCount, int timeframeDays) {
		return daily(testId, goalId, variants, start, end, zone, filter, minCount, timeframeDays, Cut.NONE);
	}

	/** As above, of the entries and first conversions the cut keeps. */
	Map<LocalDate, long[][]> daily(long testId, long goalId, int variants, LocalDate start, LocalDate end, ZoneId zone,
			Predicate<Visit> filter, int minCount, int timeframeDays, Cut cut) {
		Map<LocalDate, long[][]> days = new TreeMap<>();
		walk(testId, goalId, start, end, zone, filter, minCount, timeframeDays, cut,
				(visit, variant, converted, conversion) -> {
					days.computeIfAbsent(day(visit.enteredAt(), zone), (d) -> new long[variants][2])[variant][0]++;
					if (converted != null) {
						days.computeIfAbsent(day(converted, zone), (d) -> new long[variants][2])[variant][1]++;
					}
				});
		return days;
	}

	/**
	 * Per day of first conversion, read in zone, and per variant: the revenue of the
	 * converters {@link #daily} counts that day, as {@link #revenue} sums it; days
	 * without orders are left out.
	 */
	Map<LocalDate, long[][]> dailyRevenue(long testId, long goalId, int variants, LocalDate start, LocalDate end,
			ZoneId zone, Predicate<Visit> filter, int minCount, int timeframeDays, Cut cut) {
		Map<LocalDate, long[][]> days = new TreeMap<>();
		walk(testId, goalId, start, end, zone, filter, minCount, timeframeDays, cut,
				(visit, variant, converted, conversion) -> {
					long[] visitor = visitorRevenue(conversion, cut);
					if (converted != null && (visitor[1] > 0 || visitor[2] > 0)) {
						add(days.computeIfAbsent(day(converted, zone), (d) -> new long[variants][4])[variant], visitor);
					}
				});
		return days;
	}

	/**
	 * Hands each entry of the test in [start, end] (days read in zone) that the filter
	 * and the cut keep to the visitor, with its first conversion when it counts as
	 * converted: by the end, before the cut's instant, after at least minCount goal
	 * events, within timeframeDays of entry when that is above 0.
	 */
	private void walk(long testId, long goalId, LocalDate start, LocalDate end, ZoneId zone, Predicate<Visit> filter,
			int minCount, int timeframeDays, Cut cut, EntryVisitor visitor) {
		this.entryTimes.forEach((key, entered) -> {
			String[] parts = key.split("\\|", 2);
			Visit visit = new Visit(parts[1], entered, this.entryAttributes.get(key));
			if (Long.parseLong(parts[0]) != testId || !within(day(entered, zone), start, end) || !filter.test(visit)
					|| !cut.keepsEntry(entered)) {
				return;
			}
			String conversion = testId + "|" + goalId + "|" + parts[1];
			Long converted = this.firstConversions.get(conversion);
			boolean counted = converted != null && (end == null || !day(converted, zone).isAfter(end))
					&& converted < cut.convertedBefore() && this.conversionCounts.get(conversion) >= minCount
					&& (timeframeDays == 0 || converted - entered < timeframeDays * 86_400_000L);
			visitor.accept(visit, this.entryVariants.get(key), counted ? converted : null, conversion);
		});
	}

	/** An entry as {@link #walk} hands it over. */
	private interface EntryVisitor {

		void accept(Visit visit, int variant, Long converted, String conversion);

	}

	/**
	 * The daily revenue of the server in the oracle's shape: days with orders only.
	 */
	static Map<LocalDate, long[][]> revenueOf(DailyCounts daily, int variants) {
		Map<LocalDate, long[][]> days = new TreeMap<>();
		if (daily.firstDay().isEmpty() && daily.lastDay().isEmpty()) {
			return days;
		}
		for (long day = daily.firstDay().orElse(daily.lastDay().getAsLong()); day <= daily.lastDay()
			.getAsLong(); day++) {
			long[][] cell = new long[variants][4];
			boolean any = false;
			for (int variant = 0; variant < variants; variant++) {
				RevenueTally revenue = daily.revenue(variant, day);
				cell[variant] = new long[] { revenue.revenueCents(), revenue.orders(), (long) revenue.revenueSquares(),
						revenue.excludedOrders() };
				any |= revenue.hasOrders();
			}
			if (any) {
				days.put(LocalDate.ofEpochDay(day), cell);
			}
		}
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
		counts.countedSegments().forEach((value, counted) -> shaped.put(value, of(counted.tallies())));
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

	private static LocalDate day(long epochMillis, ZoneId zone) {
		return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
	}

	private static boolean within(LocalDate day, LocalDate start, LocalDate end) {
		return (start == null || !day.isBefore(start)) && (end == null || !day.isAfter(end));
	}

	/**
	 * A report phase as instants (docs/decisions.md#serving-a-winner): entries in
	 * [enteredFrom, enteredBefore), first conversions before convertedBefore, orders
	 * before orderedBefore.
	 */
	record Cut(long enteredFrom, long enteredBefore, long convertedBefore, long orderedBefore) {

		static final Cut NONE = new Cut(Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

		/** pre_deploy: the A/B period before the deploy instant. */
		static Cut before(long deployedAt) {
			return new Cut(Long.MIN_VALUE, deployedAt, deployedAt, deployedAt);
		}

		/** post_deploy: entries at or after the deploy instant. */
		static Cut from(long deployedAt) {
			return new Cut(deployedAt, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
		}

		boolean keepsEntry(long entered) {
			return entered >= this.enteredFrom && entered < this.enteredBefore;
		}

	}

	/** A visitor's entry as filters see it. */
	record Visit(String visitorId, long enteredAt, Map<String, String> attributes) {
	}

}
