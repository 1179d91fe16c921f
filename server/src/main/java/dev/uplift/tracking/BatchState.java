package dev.uplift.tracking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.uplift.tracking.JdbcIngestionRepository.GoalTarget;

/**
 * The per-visitor state a batch touches, loaded before the walk and changed in memory
 * event by event, with the rows and rollup increments to write at the end. Events are
 * applied in order, so that a conversion sent before an exposure in the same batch does
 * not count, exactly as if each event had been committed alone.
 */
final class BatchState {

	final Map<EntryKey, Entry> entries = new HashMap<>();

	final Map<ConversionKey, ConversionState> conversions = new HashMap<>();

	private final Map<ConversionKey, ConversionState> changedConversions = new LinkedHashMap<>();

	private final List<NewEntry> newEntries = new ArrayList<>();

	private final Map<Long, Long> nextOrdinals = new HashMap<>();

	private final Map<EntryCell, long[]> entryDeltas = new LinkedHashMap<>();

	private final Map<ConverterCell, long[]> converterDeltas = new LinkedHashMap<>();

	/**
	 * Records the entry of a visitor at their first exposure; later exposures change
	 * nothing.
	 */
	void enter(long projectId, long testId, long firstFreeOrdinal, TrackingEvent event, ZoneId zone) {
		EntryKey key = new EntryKey(testId, event.visitorId());
		if (this.entries.containsKey(key)) {
			return;
		}
		int day = day(event.occurredAt(), zone);
		long ordinal = this.nextOrdinals.getOrDefault(testId, firstFreeOrdinal);
		this.nextOrdinals.put(testId, ordinal + 1);
		this.entries.put(key, new Entry(event.variant(), event.occurredAt(), day));
		VisitorAttributes a = event.attributes();
		EntryCell cell = new EntryCell(testId, event.variant(), day);
		this.newEntries.add(new NewEntry(cell, event.visitorId(), ordinal,
				new Object[] { testId, event.visitorId(), projectId, ordinal, event.variant(), event.occurredAt(), day,
						a.device(), a.browser(), a.os(), a.country(), a.source(), a.landingPage(), a.utmSource(),
						a.visitorType() }));
		add(this.entryDeltas, cell, 1);
	}

	/**
	 * Counts a conversion for an experiment the visitor entered at or before the event's
	 * time.
	 */
	void convert(GoalTarget target, TrackingEvent event, ZoneId zone) {
		Entry entry = this.entries.get(new EntryKey(target.testId(), event.visitorId()));
		if (entry == null || event.occurredAt() < entry.enteredAt()) {
			return;
		}
		ConversionKey key = new ConversionKey(target.testId(), target.goalId(), event.visitorId());
		int day = day(event.occurredAt(), zone);
		ConversionState state = this.conversions.get(key);
		if (state == null) {
			state = new ConversionState(entry.variant(), entry.enteredDay(), event.occurredAt(), day, 0, 0, 0);
			this.conversions.put(key, state);
			addConverter(key, state, 1);
		}
		else if (event.occurredAt() < state.firstConvertedAt) {
			// An import may bring an earlier conversion than one already counted: the
			// first one decides the day.
			addConverter(key, state, -1);
			state.firstConvertedAt = event.occurredAt();
			state.convertedDay = day;
			addConverter(key, state, 1);
		}
		state.count++;
		if (event.revenue() != null) {
			state.revenue += event.revenue();
			state.orders++;
		}
		this.changedConversions.put(key, state);
	}

	List<Object[]> assignmentRows() {
		return this.newEntries.stream().map(NewEntry::row).toList();
	}

	/**
	 * Settles the entries once inserted ({@code inserted[i]} for the i-th assignment
	 * row): an exposure whose visitor had entered in an earlier batch was not looked up
	 * (no conversion of the batch reached them) and changed nothing, so its entry count
	 * is taken back, and an entry of the batch with one of its highest ordinals moves
	 * into the ordinal it left: ordinals stay dense at one update per refused entry.
	 * Returns the moves as (ordinal, test id, visitor id), each onto an ordinal no entry
	 * holds.
	 */
	List<Object[]> settleEntries(int[] inserted) {
		Map<Long, Deque<Long>> gaps = new HashMap<>();
		for (int i = 0; i < inserted.length; i++) {
			if (inserted[i] == 0) {
				NewEntry refused = this.newEntries.get(i);
				long testId = refused.cell().testId();
				gaps.computeIfAbsent(testId, (id) -> new ArrayDeque<>()).add(refused.ordinal());
				this.nextOrdinals.merge(testId, -1L, Long::sum);
				add(this.entryDeltas, refused.cell(), -1);
			}
		}
		List<Object[]> moved = new ArrayList<>();
		if (gaps.isEmpty()) {
			return moved;
		}
		for (int i = 0; i < inserted.length; i++) {
			NewEntry stored = this.newEntries.get(i);
			long testId = stored.cell().testId();
			// Entries are in ascending ordinal order per experiment, and so are the gaps:
			// those below the new end are exactly as many as the stored entries at or
			// above it.
			if (inserted[i] != 0 && stored.ordinal() >= this.nextOrdinals.get(testId)) {
				moved.add(new Object[] { gaps.get(testId).removeFirst(), testId, stored.visitorId() });
			}
		}
		return moved;
	}

	/** The entries of the batch, as keys for listeners after the commit. */
	List<IngestionCommitted.EntryKey> enteredKeys() {
		return this.newEntries.stream()
			.map((entry) -> new IngestionCommitted.EntryKey(entry.cell().testId(), entry.visitorId()))
			.toList();
	}

	/** The conversions the batch changed, as keys for listeners after the commit. */
	List<IngestionCommitted.ConversionKey> convertedKeys() {
		return this.changedConversions.keySet()
			.stream()
			.map((key) -> new IngestionCommitted.ConversionKey(key.testId(), key.goalId(), key.visitorId()))
			.toList();
	}

	Map<Long, Long> nextOrdinals() {
		return this.nextOrdinals;
	}

	List<Object[]> conversionRows() {
		List<Object[]> rows = new ArrayList<>(this.changedConversions.size());
		this.changedConversions.forEach((key, s) -> rows.add(new Object[] { key.testId(), key.goalId(), key.visitorId(),
				s.variant, s.enteredDay, s.firstConvertedAt, s.convertedDay, s.count, s.revenue, s.orders }));
		return rows;
	}

	/** The increments of {@code entry_rollup}, each to the given shard. */
	List<Object[]> entryRollupRows(int shard) {
		return rollupRows(this.entryDeltas, shard);
	}

	/** The increments of {@code conversion_rollup}, each to the given shard. */
	List<Object[]> converterRollupRows(int shard) {
		return rollupRows(this.converterDeltas, shard);
	}

	private void addConverter(ConversionKey key, ConversionState state, long delta) {
		add(this.converterDeltas,
				new ConverterCell(key.testId(), key.goalId(), state.variant, state.enteredDay, state.convertedDay),
				delta);
	}

	private static <K> void add(Map<K, long[]> deltas, K cell, long delta) {
		deltas.computeIfAbsent(cell, (k) -> new long[1])[0] += delta;
	}

	private static List<Object[]> rollupRows(Map<? extends RollupCell, long[]> deltas, int shard) {
		List<Object[]> rows = new ArrayList<>(deltas.size());
		deltas.forEach((cell, delta) -> {
			if (delta[0] != 0) {
				rows.add(cell.row(shard, delta[0]));
			}
		});
		return rows;
	}

	static int day(long epochMillis, ZoneId zone) {
		return (int) LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone).toEpochDay();
	}

	/** A cell of a rollup table, and its row for an increment. */
	private interface RollupCell {

		Object[] row(int shard, long delta);

	}

	/** A cell of {@code entry_rollup}. */
	private record EntryCell(long testId, int variant, int enteredDay) implements RollupCell {

		@Override
		public Object[] row(int shard, long delta) {
			return new Object[] { this.testId, this.variant, this.enteredDay, shard, delta };
		}

	}

	/** A cell of {@code conversion_rollup}. */
	private record ConverterCell(long testId, long goalId, int variant, int enteredDay,
			int convertedDay) implements RollupCell {

		@Override
		public Object[] row(int shard, long delta) {
			return new Object[] { this.testId, this.goalId, this.variant, this.enteredDay, this.convertedDay, shard,
					delta };
		}

	}

	/**
	 * An entry of this batch: its rollup cell, visitor and ordinal, and its
	 * {@code assignments} row.
	 */
	private record NewEntry(EntryCell cell, String visitorId, long ordinal, Object[] row) {
	}

	/** A visitor in an experiment. */
	record EntryKey(long testId, String visitorId) {
	}

	/** A visitor's entry: the variant they first saw and when. */
	record Entry(int variant, long enteredAt, int enteredDay) {
	}

	/** A visitor's conversions on one goal of one experiment. */
	record ConversionKey(long testId, long goalId, String visitorId) {
	}

	/** The mutable conversion row of a visitor while the batch is applied. */
	static final class ConversionState {

		final int variant;

		final int enteredDay;

		long firstConvertedAt;

		int convertedDay;

		long count;

		double revenue;

		long orders;

		ConversionState(int variant, int enteredDay, long firstConvertedAt, int convertedDay, long count,
				double revenue, long orders) {
			this.variant = variant;
			this.enteredDay = enteredDay;
			this.firstConvertedAt = firstConvertedAt;
			this.convertedDay = convertedDay;
			this.count = count;
			this.revenue = revenue;
			this.orders = orders;
		}

	}

}
