package dev.uplift.results;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
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

	private long writeSeq;

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
	 * Adds a stored entry; adding it again changes nothing (entries are final once
	 * committed).
	 */
	void addEntry(long ordinal, int variant, long enteredAt, String[] attributeValues) {
		if (variant < 0 || variant >= this.variants.length) {
			return;
		}
		int member = member(ordinal);
		this.variants[variant].add(member);
		this.entryHours.computeIfAbsent(Math.floorDiv(enteredAt, HOUR), (h) -> new RoaringBitmap()).add(member);
		for (Dimension dimension : Dimension.values()) {
			this.values.get(dimension)
				.computeIfAbsent(attributeValues[dimension.ordinal()], (v) -> new RoaringBitmap())
				.add(member);
		}
	}

	/**
	 * Sets the first conversion of an entry on a goal, moving it when an earlier one
	 * replaced it.
	 */
	void setConversion(long goalId, long ordinal, long firstConvertedAt) {
		int member = member(ordinal);
		TreeMap<Long, RoaringBitmap> hours = this.conversionHours.computeIfAbsent(goalId, (g) -> new TreeMap<>());
		long hour = Math.floorDiv(firstConvertedAt, HOUR);
		RoaringBitmap current = hours.get(hour);
		if (current != null && current.contains(member)) {
			return;
		}
		// Rare: a repeat conversion finds its hour above; only an earlier one moves.
		hours.values().forEach((bitmap) -> bitmap.remove(member));
		hours.computeIfAbsent(hour, (h) -> new RoaringBitmap()).add(member);
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
		RoaringBitmap converters = (goalId == null) ? new RoaringBitmap()
				: union(this.conversionHours.getOrDefault(goalId, new TreeMap<>())
					.headMap(hour(window.toMillis()), false)
					.values());
		SegmentCounts counts = new SegmentCounts(this.variants.length);
		for (int v = 0; v < this.variants.length; v++) {
			List<RoaringBitmap> inVariant = new ArrayList<>(conjuncts);
			inVariant.add(this.variants[v]);
			RoaringBitmap visitors = FastAggregation.and(inVariant.iterator());
			RoaringBitmap converted = RoaringBitmap.and(visitors, converters);
			counts.addTotal(v, visitors.getLongCardinality(), converted.getLongCardinality());
			if (query.breakdown() != null) {
				breakdown(counts, v, query.breakdown(), visitors, converted);
			}
		}
		return Optional.of(counts);
	}

	private void breakdown(SegmentCounts counts, int variant, Dimension dimension, RoaringBitmap visitors,
			RoaringBitmap converted) {
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
		for (NavigableMap<Long, RoaringBitmap> hours : this.conversionHours.values()) {
			for (RoaringBitmap bitmap : hours.values()) {
				bytes += bitmap.getLongSizeInBytes();
			}
		}
		return bytes;
	}

}
