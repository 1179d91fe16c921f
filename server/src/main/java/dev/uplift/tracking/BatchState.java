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

	private final Map<ConversionKey, ConversionState> ordersAfterDeploy = new LinkedHashMap<>();

	private final List<NewEntry> newEntries = new ArrayList<>();

	private final Map<Long, Long> nextOrdinals = new HashMap<>();

	private final Map<EntryCell, long[]> entryDeltas = new LinkedHashMap<>();

	private final Map<ConverterCell, ConverterDelta> converterDeltas = new LinkedHashMap<>();

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
						a.visitorType(), a.region(), a.city() }));
		add(this.entryDeltas, cell, 1);
	}

	/**
	 * Counts a conversion for an experiment the visitor entered at or before the event's
	 * time, with its order when it carries revenue: {@code revenueCents} its revenue in
	 * cents of the reporting currency, or null when its currency could not be converted
	 * (an order left out of revenue).
	 */
	void convert(GoalTarget target, TrackingEvent event, ZoneId zone, Long revenueCents) {
		Entry entry = this.entries.get(new EntryKey(target.testId(), event.visitorId()));
		if (entry == null || event.occurredAt() < entry.enteredAt()) {
			return;
		}
		ConversionKey key = new ConversionKey(target.testId(), target.goalId(), event.visitorId());
		int day = day(event.occurredAt(), zone);
		ConversionState state = this.conversions.get(key);
		if (state == null) {
			state = new ConversionState(entry.variant(), entry.enteredDay(), event.occurredAt(), day, 0, 0, 0, 0, 0, 0,
					0);
			this.conversions.put(key, state);
			cell(key, state).converters++;
		}
		else if (event.occurredAt() < state.firstConvertedAt) {
			// An import may bring an earlier conversion than one already counted: the
			// first one decides the day, and the visitor's revenue moves with them.
			cell(key, state).add(state, -1);
			state.firstConvertedAt = event.occurredAt();
			state.convertedDay = day;
			cell(key, state).add(state, 1);
		}
		state.count++;
		if (event.revenue() != null) {
			order(cell(key, state), state, revenueCents);
			if (event.occurredAt() >= target.deployedAt()) {
				state.afterDeploy(revenueCents);
				this.ordersAfterDeploy.put(key, state);
			}
		}
		this.changedConversions.put(key, state);
	}

	/**
	 * Adds an order to the visitor's row and to their cell; the cell's sum of squares
	 * grows by (r + x)² − r², so that it stays the sum of each visitor's total squared.
	 */
	private static void order(ConverterDelta cell, ConversionState state, Long revenueCents) {
		if (revenueCents == null) {
			state.excludedOrders++;
			cell.excludedOrders++;
			return;
		}
		long x = revenueCents;
		cell.revenueSq += (double) x * (2.0 * state.revenueCents + x);
		cell.revenueCents += x;
		cell.orders++;
		state.revenueCents += x;
		state.orders++;
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
		this.changedConversions.forEach((key,
				s) -> rows.add(new Object[] { key.testId(), key.goalId(), key.visitorId(), s.variant, s.enteredDay,
						s.firstConvertedAt, s.convertedDay, s.count, s.revenueCents / 100.0, s.orders,
						s.excludedOrders }));
		return rows;
	}

	/**
	 * The orders at or after the deploy, per visitor an order of the batch placed then
	 * reached: (cents, orders, orders left out, test id, goal id, visitor id).
	 */
	List<Object[]> ordersAfterDeployRows() {
		List<Object[]> rows = new ArrayList<>(this.ordersAfterDeploy.size());
		this.ordersAfterDeploy.forEach((key, s) -> rows.add(new Object[] { s.revenueAfterDeployCents,
				s.ordersAfterDeploy, s.excludedOrdersAfterDeploy, key.testId(), key.goalId(), key.visitorId() }));
		return rows;
	}

	/** The increments of {@code entry_rollup}, each to the given shard. */
	List<Object[]> entryRollupRows(int shard) {
		return rollupRows(this.entryDeltas, shard);
	}

	/** The increments of {@code conversion_rollup}, each to the given shard. */
	List<Object[]> converterRollupRows(int shard) {
		List<Object[]> rows = new ArrayList<>(this.converterDeltas.size());
		this.converterDeltas.forEach((cell, delta) -> {
			if (!delta.isZero()) {
				rows.add(new Object[] { cell.testId(), cell.goalId(), cell.variant(), cell.enteredDay(),
						cell.convertedDay(), shard, delta.converters, delta.revenueCents, delta.orders, delta.revenueSq,
						delta.excludedOrders });
			}
		});
		return rows;
	}

	private ConverterDelta cell(ConversionKey key, ConversionState state) {
		return this.converterDeltas.computeIfAbsent(
				new ConverterCell(key.testId(), key.goalId(), state.variant, state.enteredDay, state.convertedDay),
				(cell) -> new ConverterDelta());
	}

	private static <K> void add(Map<K, long[]> deltas, K cell, long delta) {
		deltas.computeIfAbsent(cell, (k) -> new long[1])[0] += delta;
	}

	private static List<Object[]> rollupRows(Map<EntryCell, long[]> deltas, int shard) {
		List<Object[]> rows = new ArrayList<>(deltas.size());
		deltas.forEach((cell, delta) -> {
			if (delta[0] != 0) {
				rows.add(new Object[] { cell.testId(), cell.variant(), cell.enteredDay(), shard, delta[0] });
			}
		});
		return rows;
	}

	static int day(long epochMillis, ZoneId zone) {
		return (int) LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone).toEpochDay();
	}

	/** A cell of {@code entry_rollup}. */
	private record EntryCell(long testId, int variant, int enteredDay) {
	}

	/** A cell of {@code conversion_rollup}. */
	private record ConverterCell(long testId, long goalId, int variant, int enteredDay, int convertedDay) {
	}

	/** What the batch adds to one cell of {@code conversion_rollup}. */
	private static final class ConverterDelta {

		long converters;

		long revenueCents;

		long orders;

		double revenueSq;

		long excludedOrders;

		/**
		 * Adds (sign 1) or takes away (sign −1) one visitor with everything they hold.
		 */
		void add(ConversionState visitor, int sign) {
			this.converters += sign;
			this.revenueCents += sign * visitor.revenueCents;
			this.orders += sign * visitor.orders;
			this.revenueSq += sign * ((double) visitor.revenueCents * visitor.revenueCents);
			this.excludedOrders += sign * visitor.excludedOrders;
		}

		boolean isZero() {
			return this.converters == 0 && this.revenueCents == 0 && this.orders == 0 && this.revenueSq == 0
					&& this.excludedOrders == 0;
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

		/** Revenue to date in cents of the reporting currency. */
		long revenueCents;

		long orders;

		/** Orders whose currency could not be converted: not in the revenue. */
		long excludedOrders;

		/**
		 * The part of the three above placed at or after the experiment's deploy, which
		 * {@code pre_deploy} leaves out.
		 */
		long revenueAfterDeployCents;

		long ordersAfterDeploy;

		long excludedOrdersAfterDeploy;

		ConversionState(int variant, int enteredDay, long firstConvertedAt, int convertedDay, long count,
				long revenueCents, long orders, long excludedOrders, long revenueAfterDeployCents,
				long ordersAfterDeploy, long excludedOrdersAfterDeploy) {
			this.variant = variant;
			this.enteredDay = enteredDay;
			this.firstConvertedAt = firstConvertedAt;
			this.convertedDay = convertedDay;
			this.count = count;
			this.revenueCents = revenueCents;
			this.orders = orders;
			this.excludedOrders = excludedOrders;
			this.revenueAfterDeployCents = revenueAfterDeployCents;
			this.ordersAfterDeploy = ordersAfterDeploy;
			this.excludedOrdersAfterDeploy = excludedOrdersAfterDeploy;
		}

		/** Counts an order already added to the totals as placed after the deploy. */
		void afterDeploy(Long revenueCents) {
			if (revenueCents == null) {
				this.excludedOrdersAfterDeploy++;
			}
			else {
				this.revenueAfterDeployCents += revenueCents;
				this.ordersAfterDeploy++;
			}
		}

	}

}
