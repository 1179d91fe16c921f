package dev.uplift.results;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Which visitors a result counts: an AND of groups, each an OR of conditions (digest
 * §3.6); no groups means everyone.
 *
 * @param groups the groups, none empty
 */
record SegmentFilter(List<List<Condition>> groups) {

	static final SegmentFilter EVERYONE = new SegmentFilter(List.of());

	SegmentFilter {
		groups = groups.stream().map(List::copyOf).toList();
		if (groups.stream().anyMatch(List::isEmpty)) {
			throw new IllegalArgumentException("A group of conditions must not be empty");
		}
	}

	boolean test(SegmentRow row, ZoneId zone) {
		for (List<Condition> group : this.groups) {
			if (group.stream().noneMatch((condition) -> condition.test(row, zone))) {
				return false;
			}
		}
		return true;
	}

	/** Both filters at once. */
	SegmentFilter and(SegmentFilter other) {
		List<List<Condition>> both = new ArrayList<>(this.groups);
		both.addAll(other.groups);
		return new SegmentFilter(both);
	}

	boolean everyone() {
		return this.groups.isEmpty();
	}

}
