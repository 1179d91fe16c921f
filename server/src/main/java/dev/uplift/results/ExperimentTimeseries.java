package dev.uplift.results;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.uplift.error.InvalidInput;
import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.stats.ExperimentStatistics;

/**
 * The days of one experiment's window for one goal: per day and variant the visitors who
 * entered and the visitors who first converted, and the cumulative numbers, which equal
 * the result of the window from its first day to that day.
 *
 * @param experiment the experiment
 * @param goal the goal counted and how it was chosen, empty when there is none
 * @param query the request, for its dates
 * @param zone the zone the days are read in
 * @param days the days listed, first to last; empty when the window holds none
 * @param reportPhase the period counted: the one asked for, or the experiment's default
 */
public record ExperimentTimeseries(ExperimentSnapshot experiment, Optional<SelectedGoal> goal, ResultQuery query,
		ZoneId zone, List<Day> days, ReportPhase reportPhase) {

	/**
	 * The most days one timeseries lists: with ten arms, 10,000 rows, each with its
	 * statistics.
	 */
	static final int MAX_DAYS = 1_000;

	public ExperimentTimeseries {
		days = List.copyOf(days);
	}

	/**
	 * Lists every day from the query's start (else the experiment's creation day, or its
	 * first entry when earlier) to its end (else today, or the last day with data when
	 * later); an end after that stops there. Each day's cumulative tallies are analysed
	 * by {@code analysis}; with {@code revenue}, each day carries its revenue.
	 */
	static ExperimentTimeseries accumulate(ExperimentSnapshot experiment, Optional<SelectedGoal> goal,
			ResultQuery query, ZoneId zone, LocalDate created, LocalDate today, DailyCounts daily, boolean revenue,
			ReportPhase phase, Function<List<VariantTally>, ExperimentStatistics> analysis) {
		long first = (query.startDate() != null) ? query.startDate().toEpochDay()
				: Math.min(created.toEpochDay(), daily.firstDay().orElse(Long.MAX_VALUE));
		long last = Math.max(today.toEpochDay(), daily.lastDay().orElse(Long.MIN_VALUE));
		if (query.endDate() != null) {
			last = Math.min(last, query.endDate().toEpochDay());
		}
		if (last - first + 1 > MAX_DAYS) {
			throw new InvalidInput("start_date",
					"the timeseries from " + LocalDate.ofEpochDay(first) + " to " + LocalDate.ofEpochDay(last)
							+ " would list " + (last - first + 1) + " days, more than " + MAX_DAYS
							+ ": give start_date and end_date");
		}
		int arms = experiment.variants().size();
		long[][] cumulative = new long[arms][2];
		List<Day> days = new ArrayList<>();
		for (long day = first; day <= last; day++) {
			List<VariantTally> ofDay = new ArrayList<>(arms);
			List<VariantTally> upToDay = new ArrayList<>(arms);
			List<RevenueTally> money = new ArrayList<>(arms);
			for (int variant = 0; variant < arms; variant++) {
				long visitors = daily.entries(variant, day);
				long conversions = daily.conversions(variant, day);
				cumulative[variant][0] += visitors;
				cumulative[variant][1] += conversions;
				ofDay.add(new VariantTally(variant, visitors, conversions));
				upToDay.add(new VariantTally(variant, cumulative[variant][0], cumulative[variant][1]));
				money.add(daily.revenue(variant, day));
			}
			days.add(new Day(LocalDate.ofEpochDay(day), ofDay, upToDay, analysis.apply(upToDay),
					revenue ? money : null));
		}
		return new ExperimentTimeseries(experiment, goal, query, zone, days, phase);
	}

	/**
	 * One day of the window.
	 *
	 * @param date the day in the request's zone
	 * @param daily per variant, Control first: visitors who entered that day, and
	 * visitors of the window whose first conversion fell on it
	 * @param cumulative per variant, the result of the window's first day to this one
	 * @param statistics the always-valid comparison of the cumulative numbers
	 * @param revenue per variant, the revenue to date of the visitors who first converted
	 * that day; null when the goal has no revenue
	 */
	public record Day(LocalDate date, List<VariantTally> daily, List<VariantTally> cumulative,
			ExperimentStatistics statistics, List<RevenueTally> revenue) {

		public Day {
			daily = List.copyOf(daily);
			cumulative = List.copyOf(cumulative);
			revenue = (revenue != null) ? List.copyOf(revenue) : null;
		}

	}

}
