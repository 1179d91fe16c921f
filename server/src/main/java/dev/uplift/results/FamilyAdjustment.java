package dev.uplift.results;

import java.util.ArrayList;
import java.util.List;

import dev.uplift.stats.ExperimentStatistics;
import dev.uplift.stats.Statistics;

/**
 * Holm's adjustment over a family of analyses, such as the segments of a breakdown or the
 * metrics of an experiment: one family of every treatment of every member
 * (docs/statistics.md).
 */
final class FamilyAdjustment {

	private FamilyAdjustment() {
	}

	/**
	 * Per member, in order, its treatments' p-values (first treatment first) adjusted
	 * across the whole family.
	 */
	static List<double[]> holm(List<ExperimentStatistics> members) {
		double[] adjusted = Statistics.holmAdjusted(members.stream()
			.flatMap((member) -> member.treatments().stream())
			.mapToDouble((treatment) -> treatment.pValue())
			.toArray());
		List<double[]> split = new ArrayList<>(members.size());
		int next = 0;
		for (ExperimentStatistics member : members) {
			int treatments = member.treatments().size();
			double[] own = new double[treatments];
			System.arraycopy(adjusted, next, own, 0, treatments);
			next += treatments;
			split.add(own);
		}
		return split;
	}

}
