package dev.uplift.results;

import java.util.List;
import java.util.Optional;

import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.GoalSnapshot;
import dev.uplift.stats.ExperimentStatistics;

/**
 * The numbers of one experiment for one window and goal.
 *
 * @param experiment the experiment
 * @param goal the goal counted, empty when the experiment has none
 * @param tallies one per variant, Control first, zeros where there is no data
 * @param daysRunning whole days from creation to the end (or now)
 * @param statistics the comparison of every treatment with Control, and the sample-ratio
 * check
 * @param breakdown the segments of {@code breakdown_by}, when asked for
 * @param goalSource how the goal was chosen, empty with the goal
 * @param revenue the revenue of the counted visitors, when the goal has revenue
 */
public record ExperimentResult(ExperimentSnapshot experiment, Optional<GoalSnapshot> goal, List<VariantTally> tallies,
		long daysRunning, ExperimentStatistics statistics, Optional<Breakdown> breakdown,
		Optional<SelectedGoal.Source> goalSource, Optional<RevenueResult> revenue) {

	public ExperimentResult {
		tallies = List.copyOf(tallies);
	}

	public long totalVisitors() {
		return this.tallies.stream().mapToLong(VariantTally::visitors).sum();
	}

	public long totalConversions() {
		return this.tallies.stream().mapToLong(VariantTally::conversions).sum();
	}

}
