package dev.uplift.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
	 * The breakdown of per-value counts, analysed by {@code analysis} (tallies to
	 * statistics), with the revenue {@code revenue} makes of them, if any.
	 */
	static Breakdown of(Dimension dimension, Map<String, Counted> byValue,
			Function<List<VariantTally>, ExperimentStatistics> analysis,
			Function<Counted, Optional<RevenueResult>> revenue) {
		List<Map.Entry<String, Counted>> largestFirst = new ArrayList<>(byValue.entrySet());
		largestFirst.sort(Comparator.comparingLong((Map.Entry<String, Counted> entry) -> -visitors(entry))
			.thenComparing(Map.Entry::getKey));
		List<String> criteria = new ArrayList<>();
		List<Counted> counts = new ArrayList<>();
		for (int i = 0; i < Math.min(MAX_SEGMENTS, largestFirst.size()); i++) {
			criteria.add(largestFirst.get(i).getKey());
			counts.add(largestFirst.get(i).getValue());
		}
		if (largestFirst.size() > MAX_SEGMENTS) {
			criteria.add(OTHER);
			counts.add(Counted.sum(largestFirst.subList(MAX_SEGMENTS, largestFirst.size())
				.stream()
				.map(Map.Entry::getValue)
				.toList()));
		}
		List<ExperimentStatistics> statistics = counts.stream()
			.map((count) -> analysis.apply(count.tallies()))
			.toList();
		List<double[]> adjusted = FamilyAdjustment.holm(statistics);
		List<Segment> segments = new ArrayList<>();
		for (int i = 0; i < criteria.size(); i++) {
			segments.add(new Segment(criteria.get(i), counts.get(i).tallies(), statistics.get(i), adjusted.get(i),
					revenue.apply(counts.get(i))));
		}
		return new Breakdown(dimension, segments);
	}

	private static long visitors(Map.Entry<String, Counted> entry) {
		return entry.getValue().tallies().stream().mapToLong(VariantTally::visitors).sum();
	}

	/**
	 * One segment of a breakdown.
	 *
	 * @param criteria the attribute's value, {@link Dimension#UNKNOWN} or {@link #OTHER}
	 * @param tallies every variant in the segment, Control first
	 * @param statistics the treatments against the segment's Control, and its SRM check
	 * @param pValuesAcrossSegments per treatment (first treatment first), the p-value
	 * adjusted by Holm across every treatment of every segment of the breakdown
	 * @param revenue the revenue of the segment's converted visitors, when the result has
	 * revenue
	 */
	record Segment(String criteria, List<VariantTally> tallies, ExperimentStatistics statistics,
			double[] pValuesAcrossSegments, Optional<RevenueResult> revenue) {

		Segment {
			tallies = List.copyOf(tallies);
		}

	}

}
