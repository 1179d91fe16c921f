package dev.uplift.results;

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
