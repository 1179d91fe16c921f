package dev.uplift.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Visitors and converters per variant, in total and per value of the breakdown's
 * attribute, as either path counts them.
 */
final class SegmentCounts {

	private final int arms;

	private final long[][] totals;

	private final Map<String, long[][]> segments = new HashMap<>();

	private final RevenueTally[] revenue;

	private final Map<String, RevenueTally[]> segmentRevenue = new HashMap<>();

	SegmentCounts(int arms) {
		this.arms = arms;
		this.totals = new long[arms][2];
		this.revenue = noRevenue(arms);
	}

	/**
	 * Adds converted visitors' revenue to the variant's total and to the segment's (null
	 * without a breakdown).
	 */
	void addRevenue(int variant, String segment, RevenueTally visitors) {
		if (variant < 0 || variant >= this.arms) {
			return;
		}
		this.revenue[variant] = this.revenue[variant].plus(visitors);
		if (segment != null) {
			addSegmentRevenue(variant, segment, visitors);
		}
	}

	/** Adds converted visitors' revenue to the segment's, not to the total. */
	void addSegmentRevenue(int variant, String segment, RevenueTally visitors) {
		RevenueTally[] cell = this.segmentRevenue.computeIfAbsent(segment, (s) -> noRevenue(this.arms));
		cell[variant] = cell[variant].plus(visitors);
	}

	private static RevenueTally[] noRevenue(int arms) {
		RevenueTally[] none = new RevenueTally[arms];
		for (int variant = 0; variant < arms; variant++) {
			none[variant] = new RevenueTally(variant, 0, 0, 0, 0);
		}
		return none;
	}

	/** The revenue of every variant's converted visitors, Control first. */
	List<RevenueTally> revenueTotals() {
		return List.of(this.revenue);
	}

	/**
	 * Counts one visitor of the variant in the segment (null without a breakdown).
	 */
	void add(int variant, String segment, boolean converted) {
		add(variant, segment, 1, converted ? 1 : 0);
	}

	private void add(int variant, String segment, long visitors, long converters) {
		if (variant < 0 || variant >= this.arms) {
			return;
		}
		addTotal(variant, visitors, converters);
		if (segment != null) {
			addSegment(variant, segment, visitors, converters);
		}
	}

	/** Counts visitors and converters of the variant in total. */
	void addTotal(int variant, long visitors, long converters) {
		this.totals[variant][0] += visitors;
		this.totals[variant][1] += converters;
	}

	/**
	 * Counts visitors and converters of the variant in the segment, not in total.
	 */
	void addSegment(int variant, String segment, long visitors, long converters) {
		long[][] cell = this.segments.computeIfAbsent(segment, (s) -> new long[this.arms][2]);
		cell[variant][0] += visitors;
		cell[variant][1] += converters;
	}

	List<VariantTally> totals() {
		return tallies(this.totals);
	}

	/** The totals with their revenue. */
	Counted counted() {
		return new Counted(totals(), revenueTotals());
	}

	/**
	 * Per segment value, the tallies of every variant with their revenue, Control first.
	 */
	Map<String, Counted> countedSegments() {
		Map<String, Counted> segments = new HashMap<>();
		this.segments.forEach((value, counts) -> segments.put(value,
				new Counted(tallies(counts), List.of(this.segmentRevenue.getOrDefault(value, noRevenue(this.arms))))));
		return segments;
	}

	private static List<VariantTally> tallies(long[][] counts) {
		List<VariantTally> tallies = new ArrayList<>(counts.length);
		for (int variant = 0; variant < counts.length; variant++) {
			tallies.add(new VariantTally(variant, counts[variant][0], counts[variant][1]));
		}
		return tallies;
	}

}
