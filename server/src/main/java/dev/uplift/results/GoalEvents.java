package dev.uplift.results;

import java.util.Arrays;
import java.util.Map;

/**
 * Per visitor, the instants of their conversion events that an {@code event_attribute}
 * keeps; a scanned entry then converts by those alone (docs/decisions.md).
 */
final class GoalEvents {

	private final Map<String, Times> byVisitor;

	GoalEvents(Map<String, Times> byVisitor) {
		this.byVisitor = byVisitor;
	}

	/**
	 * The entry with its first conversion and count taken from the kept events at or
	 * after both its entry and its first counted conversion, and no revenue.
	 */
	SegmentRow restrict(SegmentRow row) {
		Times times = this.byVisitor.get(row.visitorId());
		if (times == null || row.firstConvertedAt() == Long.MAX_VALUE) {
			return row.converting(Long.MAX_VALUE, 0);
		}
		long from = Math.max(row.enteredAt(), row.firstConvertedAt());
		long first = Long.MAX_VALUE;
		long count = 0;
		for (int i = 0; i < times.size; i++) {
			if (times.instants[i] >= from) {
				first = Math.min(first, times.instants[i]);
				count++;
			}
		}
		return row.converting(first, count);
	}

	/** A growing list of instants. */
	static final class Times {

		private long[] instants = new long[2];

		private int size;

		void add(long instant) {
			if (this.size == this.instants.length) {
				this.instants = Arrays.copyOf(this.instants, this.size * 2);
			}
			this.instants[this.size++] = instant;
		}

	}

}
