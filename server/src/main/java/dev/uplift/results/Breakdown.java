package dev.uplift.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.uplift.stats.ExperimentStatistics;

/**
 * A result broken down by one attribute: the segments with the most visitors, the rest
 * summed into one {@link #OTHER} segment, each compared with its own Control, and the
 * p-values adjusted by Holm across every comparison of every segment.
 *
 * @param dimension the attribute
 * @param segments largest first, {@link #OTHER} last
 */
record Breakdown(Dimension dimension, List<Segment> segments) {

	/** The most segments listed by name; the others are summed. */
	static final int MAX_SEGMENTS = 100;

	/** The criteria of the segment that sums those past {@link #MAX_SEGMENTS}. */
	static final String OTHER = "(other)";

	Breakdown {
		segments = List.copyOf(segments);
	}

	/**
	 * The breakdown of per-value tallies, analysed by {@code analysis} (tallies to
	 * statistics).
	 */
	static Breakdown of(Dimension dimension, Map<String, List<VariantTally>> byValue,
			Function<List<VariantTally>, ExperimentStatistics> analysis) {
		List<Map.Entry<String, List<VariantTally>>> largestFirst = new ArrayList<>(byValue.entrySet());
		largestFirst.sort(Comparator.comparingLong((Map.Entry<String, List<VariantTally>> entry) -> -visitors(entry))
			.thenComparing(Map.Entry::getKey));
		List<String> criteria = new ArrayList<>();
		List<List<VariantTally>> tallies = new ArrayList<>();
		for (int i = 0; i < Math.min(MAX_SEGMENTS, largestFirst.size()); i++) {
			criteria.add(largestFirst.get(i).getKey());
			tallies.add(largestFirst.get(i).getValue());
		}
		if (largestFirst.size() > MAX_SEGMENTS) {
			criteria.add(OTHER);
			tallies.add(sum(largestFirst.subList(MAX_SEGMENTS, largestFirst.size())));
		}
		List<ExperimentStatistics> statistics = tallies.stream().map(analysis).toList();
		List<double[]> adjusted = FamilyAdjustment.holm(statistics);
		List<Segment> segments = new ArrayList<>();
		for (int i = 0; i < criteria.size(); i++) {
			segments.add(new Segment(criteria.get(i), tallies.get(i), statistics.get(i), adjusted.get(i)));
		}
		return new Breakdown(dimension, segments);
	}

	private static long visitors(Map.Entry<String, List<VariantTally>> entry) {
		return entry.getValue().stream().mapToLong(VariantTally::visitors).sum();
	}

	private static List<VariantTally> sum(List<Map.Entry<String, List<VariantTally>>> rest) {
		int arms = rest.get(0).getValue().size();
		long[][] counts = new long[arms][2];
		rest.forEach((entry) -> entry.getValue().forEach((tally) -> {
			counts[tally.variant()][0] += tally.visitors();
			counts[tally.variant()][1] += tally.conversions();
		}));
		List<VariantTally> sum = new ArrayList<>();
		for (int variant = 0; variant < arms; variant++) {
			sum.add(new VariantTally(variant, counts[variant][0], counts[variant][1]));
		}
		return sum;
	}

	/**
	 * One segment of a breakdown.
	 *
	 * @param criteria the attribute's value, {@link Dimension#UNKNOWN} or {@link #OTHER}
	 * @param tallies every variant in the segment, Control first
	 * @param statistics the treatments against the segment's Control, and its SRM check
	 * @param pValuesAcrossSegments per treatment (first treatment first), the p-value
	 * adjusted by Holm across every treatment of every segment of the breakdown
	 */
	record Segment(String criteria, List<VariantTally> tallies, ExperimentStatistics statistics,
			double[] pValuesAcrossSegments) {

		Segment {
			tallies = List.copyOf(tallies);
		}

	}

}
