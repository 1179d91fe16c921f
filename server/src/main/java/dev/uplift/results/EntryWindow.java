package dev.uplift.results;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A date window of a result as both paths read it: whole days for the rollups, instants
 * for the scan. Unbounded sides are open.
 *
 * @param fromDay first entry day (epoch day in the rollups' zone), inclusive
 * @param toDay last day, inclusive: entries and conversions up to its end count
 * @param fromMillis first instant, inclusive
 * @param toMillis end instant, exclusive
 */
record EntryWindow(long fromDay, long toDay, long fromMillis, long toMillis) {

	static EntryWindow of(LocalDate start, LocalDate end, ZoneId zone) {
		return new EntryWindow((start != null) ? start.toEpochDay() : Integer.MIN_VALUE,
				(end != null) ? end.toEpochDay() : Integer.MAX_VALUE,
				(start != null) ? start.atStartOfDay(zone).toInstant().toEpochMilli() : Long.MIN_VALUE,
				(end != null) ? end.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() : Long.MAX_VALUE);
	}

}
