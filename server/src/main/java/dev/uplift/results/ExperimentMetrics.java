package dev.uplift.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.GoalSnapshot;
import dev.uplift.stats.ExperimentStatistics;

/**
 * Several goals of one experiment, each counted and analysed like a result of that goal,
 * with every treatment's p-value adjusted by Holm across every treatment of every metric.
 *
 * @param experiment the experiment
 * @param source how the definitions were chosen
 * @param definitions the goals asked for, in order
 * @param visitors per variant, Control first, the visitors of the window (and segment)
 * @param metrics the definitions computed, in order
 */
public record ExperimentMetrics(ExperimentSnapshot experiment, SelectedGoal.Source source,
		List<GoalSnapshot> definitions, List<VariantTally> visitors, List<Metric> metrics) {

	public ExperimentMetrics {
		definitions = List.copyOf(definitions);
		visitors = List.copyOf(visitors);
		metrics = List.copyOf(metrics);
	}

	/** The metrics with their p-values adjusted across all of them. */
	static ExperimentMetrics of(ExperimentSnapshot experiment, SelectedGoal.Source source,
			List<GoalSnapshot> definitions, List<VariantTally> visitors, List<Metric> computed) {
		List<double[]> adjusted = FamilyAdjustment.holm(computed.stream().map(Metric::statistics).toList());
		List<Metric> metrics = new ArrayList<>();
		for (int i = 0; i < computed.size(); i++) {
			Metric metric = computed.get(i);
			metrics.add(new Metric(metric.number(), metric.goal(), metric.tallies(), metric.statistics(),
					metric.revenue(), adjusted.get(i)));
		}
		return new ExperimentMetrics(experiment, source, definitions, visitors, metrics);
	}

	/**
	 * One goal's numbers.
	 *
	 * @param number its 1-based position among the definitions: the N of {@code result_N}
	 * @param goal the goal
	 * @param tallies per variant, Control first
	 * @param statistics every treatment against Control
	 * @param revenue the revenue of the goal's counted visitors, as its result has it;
	 * empty when the goal has none
	 * @param pValuesAcrossMetrics per treatment (first treatment first), the p-value
	 * adjusted by Holm across every treatment of every metric computed; null before the
	 * adjustment
	 */
	public record Metric(int number, GoalSnapshot goal, List<VariantTally> tallies, ExperimentStatistics statistics,
			Optional<RevenueResult> revenue, double[] pValuesAcrossMetrics) {

		public Metric {
			tallies = List.copyOf(tallies);
		}

		Metric(int number, GoalSnapshot goal, ExperimentResult result) {
			this(number, goal, result.tallies(), result.statistics(), result.revenue(), null);
		}

	}

}
