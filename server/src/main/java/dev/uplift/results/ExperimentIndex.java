package dev.uplift.results;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * The segment index of one experiment: compressed bitmaps of entry ordinals per variant,
 * per hour of entry, per value of each attribute, and per goal and hour of the first
 * conversion. A segment's counts are cardinalities of their intersections. Not
 * thread-safe: {@link SegmentIndex} guards it.
 */
final class ExperimentIndex {

	static final long HOUR = 3_600_000L;

	private final long testId;

	private final long projectId;

	private final RoaringBitmap[] variants;

	private final TreeMap<Long, RoaringBitmap> entryHours = new TreeMap<>();

	private final Map<Dimension, Map<String, RoaringBitmap>> values = new EnumMap<>(Dimension.class);

	private final Map<Long, TreeMap<Long, RoaringBitmap>> conversionHours = new HashMap<>();

	// Every converter of a goal, whatever the hour: the union of its hours, kept so that
	// a query whose window has no end needs no union of hundreds of hour bitmaps.
	private final Map<Long, RoaringBitmap> converters = new HashMap<>();

	// Per goal whose converters placed orders, each such converter's revenue to date.
	private final Map<Long, IndexedRevenue> revenue = new HashMap<>();

	// Per goal with orders, its converters' revenue per attribute value and variant, kept
	// as revenue changes: a breakdown of everyone needs no intersection for it either.
	private final Map<Long, Map<Dimension, Map<String, RevenueTally[]>>> converterRevenue = new HashMap<>();

	// Visitors per attribute value and variant, counted as entries are added: a breakdown
	// of everyone needs no intersection for them.
	private final Map<Dimension, Map<String, long[]>> visitorCounts = new EnumMap<>(Dimension.class);

	// Per goal, converters per attribute value and variant, counted as first conversions
	// are set.
	private final Map<Long, Map<Dimension, Map<String, long[]>>> converterCounts = new HashMap<>();

	private long writeSeq;

	// PostgreSQL: the xmin of the snapshot whose committed rows the index holds.
	private long snapshotXmin;

	ExperimentIndex(long testId, long projectId, int arms, long writeSeq) {
		this.testId = testId;
		this.projectId = projectId;
		this.writeSeq = writeSeq;
		this.variants = new RoaringBitmap[arms];
		for (int v = 0; v < arms; v++) {
			this.variants[v] = new RoaringBitmap();
		}
		for (Dimension dimension : Dimension.values()) {
			// A HashMap: the visitors without the attribute are under the null key.
			this.values.put(dimension, new HashMap<>());
			this.visitorCounts.put(dimension, new HashMap<>());
		}
	}

	long testId() {
		return this.testId;
	}

	long projectId() {
		return this.projectId;
	}

	/** The project's {@code write_seq} whose committed rows the index holds exactly. */
	long writeSeq() {
		return this.writeSeq;
	}

	void advanceTo(long writeSeq) {
		this.writeSeq = writeSeq;
	}

	/**
	 * PostgreSQL: the xmin of the database snapshot whose committed entries and
	 * conversions the index holds exactly.
	 */
	long snapshotXmin() {
		return this.snapshotXmin;
	}

	void caughtUpTo(long snapshotXmin) {
		this.snapshotXmin = snapshotXmin;
	}

	/**
	 * Adds a stored entry; adding it again changes nothing (entries are final once
	 * committed).
	 */
	void addEntry(long ordinal, int variant, long enteredAt, String[] attributeValues) {
		if (variant < 0 || variant >= this.variants.length) {
			return;
		}
		int member = member(ordinal);
		if (!this.variants[variant].checkedAdd(member)) {
			// Added before: an entry's ordinal, variant, hour and values never change.
			return;
		}
		this.entryHours.computeIfAbsent(Math.floorDiv(enteredAt, HOUR), (h) -> new RoaringBitmap()).add(member);
		for (Dimension dimension : Dimension.values()) {
			String value = attributeValues[dimension.ordinal()];
			this.values.get(dimension).computeIfAbsent(value, (v) -> new RoaringBitmap()).add(member);
			count(this.visitorCounts.get(dimension), value, variant);
		}
	}

	/**
	 * Sets the first conversion of an entry on a goal, moving it when an earlier one
	 * replaced it, and the visitor's revenue to date; variant and attribute values are
	 * the entry's, as {@link #addEntry} was given them.
	 */
	void setConversion(long goalId, long ordinal, long firstConvertedAt, int variant, String[] attributeValues,
			long revenueCents, long orders, long excludedOrders) {
		int member = member(ordinal);
		if ((revenueCents != 0 || orders != 0 || excludedOrders != 0 || this.revenue.containsKey(goalId))
				&& variant >= 0 && variant < this.variants.length) {
			RevenueTally change = this.revenue.computeIfAbsent(goalId, (g) -> new IndexedRevenue())
				.set(variant, member, revenueCents, orders, excludedOrders);
			Map<Dimension, Map<String, RevenueTally[]>> byDimension = this.converterRevenue.computeIfAbsent(goalId,
					(g) -> new EnumMap<>(Dimension.class));
			for (Dimension dimension : Dimension.values()) {
				RevenueTally[] cell = byDimension.computeIfAbsent(dimension, (d) -> new HashMap<>())
					.computeIfAbsent(attributeValues[dimension.ordinal()],
							(v) -> new RevenueTally[this.variants.length]);
				cell[variant] = (cell[variant] != null) ? cell[variant].plus(change) : change;
			}
		}
		TreeMap<Long, RoaringBitmap> hours = this.conversionHours.computeIfAbsent(goalId, (g) -> new TreeMap<>());
		long hour = Math.floorDiv(firstConvertedAt, HOUR);
		if (this.converters.computeIfAbsent(goalId, (g) -> new RoaringBitmap()).checkedAdd(member)) {
			// A first conversion: in no hour yet.
			if (variant >= 0 && variant < this.variants.length) {
				Map<Dimension, Map<String, long[]>> byDimension = this.converterCounts.computeIfAbsent(goalId,
						(g) -> new EnumMap<>(Dimension.class));
				for (Dimension dimension : Dimension.values()) {
					count(byDimension.computeIfAbsent(dimension, (d) -> new HashMap<>()),
							attributeValues[dimension.ordinal()], variant);
				}
			}
		}
		else {
			RoaringBitmap current = hours.get(hour);
			if (current != null && current.contains(member)) {
				return;
			}
			// Rare: a repeat conversion finds its hour above; only an earlier one moves.
			hours.values().forEach((bitmap) -> bitmap.remove(member));
		}
		hours.computeIfAbsent(hour, (h) -> new RoaringBitmap()).add(member);
	}

	private void count(Map<String, long[]> counts, String value, int variant) {
		counts.computeIfAbsent(value, (v) -> new long[this.variants.length])[variant]++;
	}

	/** Compacts the bitmaps once built: runs of ordinals take a few bytes. */
	void optimize() {
		this.entryHours.values().forEach(RoaringBitmap::runOptimize);
		for (RoaringBitmap variant : this.variants) {
			variant.runOptimize();
		}
	}

	/**
	 * The counts of a segment query, or empty when the index cannot answer it exactly:
	 * minimum counts, time frames, visitor ids and event attributes need the rows, and so
	 * do windows, days and hours of a zone whose offset is not a whole number of hours.
	 */
	Optional<SegmentCounts> count(Long goalId, EntryWindow window, ZoneId zone, SegmentQuery query) {
		if (query.minCount() > 1 || query.timeframeDays() > 0 || !query.events().any() || !aligned(window.fromMillis())
				|| !aligned(window.toMillis())) {
			return Optional.empty();
		}
		List<RoaringBitmap> conjuncts = new ArrayList<>();
		if (window.fromMillis() != Long.MIN_VALUE || window.toMillis() != Long.MAX_VALUE) {
			conjuncts.add(union(
					this.entryHours.subMap(hour(window.fromMillis()), true, hour(window.toMillis()), false).values()));
		}
		for (List<Condition> group : query.filter().groups()) {
			List<RoaringBitmap> alternatives = new ArrayList<>();
			for (Condition condition : group) {
				Optional<RoaringBitmap> matching = matching(condition, zone);
				if (matching.isEmpty()) {
					return Optional.empty();
				}
				alternatives.add(matching.get());
			}
			conjuncts.add(union(alternatives));
		}
		IndexedRevenue revenue = (goalId != null) ? this.revenue.get(goalId) : null;
		if (conjuncts.isEmpty() && query.breakdown() != null) {
			return Optional.of(breakdownOfEveryone(goalId, query.breakdown()));
		}
		// The segment and its converters once, then each arm's share of them: the
		// segment's intersections are the costly ones, the arms' are with dense bitmaps.
		RoaringBitmap segment = conjuncts.isEmpty() ? null : FastAggregation.and(conjuncts.iterator());
		RoaringBitmap converters = (segment == null) ? converters(goalId, window)
				: RoaringBitmap.and(segment, converters(goalId, window));
		// The segment's converters with revenue or orders: the only ones a sum visits.
		RoaringBitmap payers = (revenue != null) ? revenue.among(converters) : null;
		SegmentCounts counts = new SegmentCounts(this.variants.length);
		for (int v = 0; v < this.variants.length; v++) {
			RoaringBitmap arm = this.variants[v];
			RoaringBitmap armPayers = (payers != null) ? RoaringBitmap.and(payers, arm) : null;
			if (armPayers != null) {
				counts.addRevenue(v, null, revenue.sum(v, armPayers));
			}
			if (query.breakdown() == null) {
				// Totals alone: each arm's share is only counted, no bitmap built.
				counts.addTotal(v,
						(segment == null) ? arm.getLongCardinality() : RoaringBitmap.andCardinality(segment, arm),
						RoaringBitmap.andCardinality(arm, converters));
			}
			else {
				// Read only: an arm's own bitmap serves when there is no filter.
				RoaringBitmap visitors = (segment == null) ? arm : RoaringBitmap.and(segment, arm);
				RoaringBitmap converted = RoaringBitmap.and(arm, converters);
				counts.addTotal(v, visitors.getLongCardinality(), converted.getLongCardinality());
				breakdown(counts, v, query.breakdown(), visitors, converted, revenue, armPayers);
			}
		}
		return Optional.of(counts);
	}

	/**
	 * The converters of the goal by the window's end (none without a goal): the kept
	 * bitmap when no conversion hour is at or past the end, else the union of the hours
	 * before it.
	 */
	private RoaringBitmap converters(Long goalId, EntryWindow window) {
		if (goalId == null || !this.converters.containsKey(goalId)) {
			return new RoaringBitmap();
		}
		TreeMap<Long, RoaringBitmap> hours = this.conversionHours.get(goalId);
		long end = hour(window.toMillis());
		if (hours.isEmpty() || hours.lastKey() < end) {
			return this.converters.get(goalId);
		}
		return union(hours.headMap(end, false).values());
	}

	/**
	 * A breakdown of every visitor of a window with no bounds, from the counts and
	 * revenue kept per value and variant; every entry has one value of each attribute
	 * (null included), so the values' counts add up to the totals.
	 */
	private SegmentCounts breakdownOfEveryone(Long goalId, Dimension dimension) {
		SegmentCounts counts = new SegmentCounts(this.variants.length);
		Map<String, long[]> convertedByValue = (goalId == null) ? Collections.emptyMap()
				: this.converterCounts.getOrDefault(goalId, Collections.emptyMap())
					.getOrDefault(dimension, Collections.emptyMap());
		Map<String, RevenueTally[]> revenueByValue = (goalId == null) ? Collections.emptyMap()
				: this.converterRevenue.getOrDefault(goalId, Collections.emptyMap())
					.getOrDefault(dimension, Collections.emptyMap());
		this.visitorCounts.get(dimension).forEach((value, visitors) -> {
			String segment = (value != null) ? value : Dimension.UNKNOWN;
			long[] converted = convertedByValue.get(value);
			RevenueTally[] revenue = revenueByValue.get(value);
			for (int v = 0; v < this.variants.length; v++) {
				if (visitors[v] > 0) {
					long converters = (converted != null) ? converted[v] : 0;
					counts.addTotal(v, visitors[v], converters);
					counts.addSegment(v, segment, visitors[v], converters);
					if (revenue != null && revenue[v] != null) {
						counts.addRevenue(v, segment, revenue[v]);
					}
				}
			}
		});
		return counts;
	}

	private void breakdown(SegmentCounts counts, int variant, Dimension dimension, RoaringBitmap visitors,
			RoaringBitmap converted, IndexedRevenue revenue, RoaringBitmap payers) {
		// Converters are few and so are a value's visitors: both sparse, whose
		// intersections
		// are slow. Those who did not convert are dense, so count them and subtract.
		RoaringBitmap unconverted = converted.isEmpty() ? visitors : RoaringBitmap.andNot(visitors, converted);
		for (Map.Entry<String, RoaringBitmap> value : this.values.get(dimension).entrySet()) {
			long n = RoaringBitmap.andCardinality(visitors, value.getValue());
			if (n > 0) {
				String segment = (value.getKey() != null) ? value.getKey() : Dimension.UNKNOWN;
				long converters = converted.isEmpty() ? 0
						: n - RoaringBitmap.andCardinality(unconverted, value.getValue());
				counts.addSegment(variant, segment, n, converters);
				if (payers != null && converters > 0) {
					counts.addSegmentRevenue(variant, segment,
							revenue.sum(variant, RoaringBitmap.and(payers, value.getValue())));
				}
			}
		}
	}

	/** The entries meeting one condition, empty when the index cannot tell. */
	private Optional<RoaringBitmap> matching(Condition condition, ZoneId zone) {
		if (condition.criterion().temporal()) {
			List<RoaringBitmap> hours = new ArrayList<>();
			for (Map.Entry<Long, RoaringBitmap> hour : this.entryHours.entrySet()) {
				long start = hour.getKey() * HOUR;
				if (!aligned(start, zone)) {
					return Optional.empty();
				}
				if (condition.matchesNumber(condition.localNumber(start, zone))) {
					hours.add(hour.getValue());
				}
			}
			return Optional.of(union(hours));
		}
		if (condition.criterion().dimension().isEmpty()) {
			return Optional.empty();
		}
		List<RoaringBitmap> matching = new ArrayList<>();
		this.values.get(condition.criterion().dimension().get()).forEach((value, bitmap) -> {
			if (condition.matchesText(value)) {
				matching.add(bitmap);
			}
		});
		return Optional.of(union(matching));
	}

	private static boolean aligned(long instant) {
		return instant == Long.MIN_VALUE || instant == Long.MAX_VALUE || instant % HOUR == 0;
	}

	/**
	 * Whether every instant of the hour starting here has the same local hour in zone.
	 */
	private static boolean aligned(long hourStart, ZoneId zone) {
		return zone.getRules().getOffset(Instant.ofEpochMilli(hourStart)).getTotalSeconds() % 3600 == 0;
	}

	private static long hour(long instant) {
		if (instant == Long.MIN_VALUE || instant == Long.MAX_VALUE) {
			return (instant == Long.MIN_VALUE) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
		return Math.floorDiv(instant, HOUR);
	}

	private static RoaringBitmap union(Iterable<RoaringBitmap> bitmaps) {
		return FastAggregation.or(bitmaps.iterator());
	}

	private static int member(long ordinal) {
		if (ordinal < 0 || ordinal > Integer.MAX_VALUE) {
			throw new IllegalStateException("Ordinal " + ordinal + " is beyond the index's 2^31 entries");
		}
		return (int) ordinal;
	}

	/**
	 * The bitmaps the breakdown once intersected, for the benchmark's baseline: the
	 * variant's entries, each value's entries, and the goal's conversion hours.
	 */
	RoaringBitmap variantEntries(int variant) {
		return this.variants[variant];
	}

	Map<String, RoaringBitmap> valueEntries(Dimension dimension) {
		return this.values.get(dimension);
	}

	Iterable<RoaringBitmap> conversionHours(long goalId) {
		return this.conversionHours.getOrDefault(goalId, new TreeMap<>()).values();
	}

	/** For the memory figure: the bytes the bitmaps take. */
	long sizeInBytes() {
		long bytes = 0;
		for (RoaringBitmap variant : this.variants) {
			bytes += variant.getLongSizeInBytes();
		}
		for (RoaringBitmap hour : this.entryHours.values()) {
			bytes += hour.getLongSizeInBytes();
		}
		for (Map<String, RoaringBitmap> byValue : this.values.values()) {
			for (RoaringBitmap bitmap : byValue.values()) {
				bytes += bitmap.getLongSizeInBytes();
			}
		}
		for (RoaringBitmap bitmap : this.converters.values()) {
			bytes += bitmap.getLongSizeInBytes();
		}
		for (IndexedRevenue goal : this.revenue.values()) {
			bytes += goal.sizeInBytes();
		}
		for (NavigableMap<Long, RoaringBitmap> hours : this.conversionHours.values()) {
			for (RoaringBitmap bitmap : hours.values()) {
				bytes += bitmap.getLongSizeInBytes();
			}
		}
		return bytes;
	}

}
