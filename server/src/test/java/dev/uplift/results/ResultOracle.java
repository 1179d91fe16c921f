package dev.uplift.results;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plain in-memory model of docs/api.md §2, written independently of the server: who
 * enters, who converts, and what a date window counts.
 */
final class ResultOracle {

	private final ZoneId zone;

	private final Map<String, Long> entryTimes = new HashMap<>();

	private final Map<String, Integer> entryVariants = new HashMap<>();

	private final Map<String, Long> firstConversions = new HashMap<>();

	private final Set<String> seenEventIds = new HashSet<>();

	ResultOracle(ZoneId zone) {
		this.zone = zone;
	}

	/** Applies one accepted event; returns false for a repeated event id. */
	boolean accept(String eventId) {
		return this.seenEventIds.add(eventId);
	}

	void expose(long testId, String visitor, int variant, long time) {
		String key = testId + "|" + visitor;
		if (!this.entryTimes.containsKey(key)) {
			this.entryTimes.put(key, time);
			this.entryVariants.put(key, variant);
		}
	}

	void convert(long testId, long goalId, String visitor, long time) {
		Long entered = this.entryTimes.get(testId + "|" + visitor);
		if (entered != null && time >= entered) {
			this.firstConversions.merge(testId + "|" + goalId + "|" + visitor, time, Math::min);
		}
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

}
