package dev.uplift.results;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.LongStream;

/**
 * Per variant and day: the visitors who entered that day and those of them who first
 * converted that day, as either path counts them; days are epoch days of the zone the
 * request reads them in.
 */
final class DailyCounts {

	private final int arms;

	private final Map<Long, long[]> entries = new HashMap<>();

	private final Map<Long, long[]> conversions = new HashMap<>();

	private final Map<Long, RevenueTally[]> revenue = new HashMap<>();

	DailyCounts(int arms) {
		this.arms = arms;
	}

	/** Adds visitors who entered the variant on the day; unknown variants are ignored. */
	void addEntries(int variant, long day, long visitors) {
		add(this.entries, variant, day, visitors);
	}

	/** Adds visitors whose first conversion fell on the day. */
	void addConversions(int variant, long day, long converters) {
		add(this.conversions, variant, day, converters);
	}

	private void add(Map<Long, long[]> cells, int variant, long day, long count) {
		if (variant < 0 || variant >= this.arms) {
			return;
		}
		cells.computeIfAbsent(day, (d) -> new long[this.arms])[variant] += count;
	}

	/**
	 * Adds the revenue of visitors of a variant who first converted on a day.
	 */
	void addRevenue(DailyRevenue daily) {
		int variant = daily.revenue().variant();
		if (variant >= 0 && variant < this.arms) {
			RevenueTally[] cell = this.revenue.computeIfAbsent(daily.day().toEpochDay(),
					(d) -> new RevenueTally[this.arms]);
			cell[variant] = (cell[variant] != null) ? cell[variant].plus(daily.revenue()) : daily.revenue();
		}
	}

	/** The revenue of a variant's visitors who first converted on the day. */
	RevenueTally revenue(int variant, long day) {
		RevenueTally[] cell = this.revenue.get(day);
		return (cell != null && cell[variant] != null) ? cell[variant] : new RevenueTally(variant, 0, 0, 0, 0);
	}

	/** Whether any order, counted or left out, reached the visitors counted. */
	boolean anyOrders() {
		return this.revenue.values()
			.stream()
			.flatMap(Arrays::stream)
			.anyMatch((tally) -> tally != null && tally.hasOrders());
	}

	long entries(int variant, long day) {
		return count(this.entries, variant, day);
	}

	long conversions(int variant, long day) {
		return count(this.conversions, variant, day);
	}

	private static long count(Map<Long, long[]> cells, int variant, long day) {
		long[] cell = cells.get(day);
		return (cell != null) ? cell[variant] : 0;
	}

	/** The earliest day with an entry, if any. */
	OptionalLong firstDay() {
		return this.entries.keySet().stream().mapToLong(Long::longValue).min();
	}

	/** The latest day with an entry or a conversion, if any. */
	OptionalLong lastDay() {
		return LongStream
			.concat(this.entries.keySet().stream().mapToLong(Long::longValue),
					this.conversions.keySet().stream().mapToLong(Long::longValue))
			.max();
	}

}
