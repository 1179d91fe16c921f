package dev.uplift.results;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.VariantSnapshot;
import dev.uplift.results.ResultResponse.CountedGoal;
import dev.uplift.results.ResultResponse.PrimaryGoal;
import dev.uplift.stats.TreatmentStatistics;
import dev.uplift.web.ApiTime;

/**
 * The body of Get Experiment Timeseries (docs/api.md §2.1): one row per day and variant,
 * days in order, Control first within a day.
 *
 * @param success always true
 * @param testId the experiment
 * @param testName its name
 * @param primaryGoal the experiment's primary goal, or null
 * @param goal the goal counted, or null when the experiment has none
 * @param queryStartDate the {@code start_date} asked for; absent without one
 * @param queryEndDate the {@code end_date} asked for; absent without one
 * @param effectiveStartDate the first day listed; absent when no day is
 * @param effectiveEndDate the last day listed; absent when no day is
 * @param reportPhase the period counted: {@code pre_deploy}, {@code post_deploy} or
 * {@code all_time}
 * @param count the number of rows
 * @param timeseries the rows
 */
@JsonNaming(SnakeCaseStrategy.class)
public record TimeseriesResponse(boolean success, long testId, String testName, PrimaryGoal primaryGoal,
		CountedGoal goal, @JsonInclude(JsonInclude.Include.NON_NULL) String queryStartDate,
		@JsonInclude(JsonInclude.Include.NON_NULL) String queryEndDate,
		@JsonInclude(JsonInclude.Include.NON_NULL) String effectiveStartDate,
		@JsonInclude(JsonInclude.Include.NON_NULL) String effectiveEndDate, String reportPhase, int count,
		List<TimeseriesRow> timeseries) {

	static TimeseriesResponse of(ExperimentTimeseries timeseries) {
		ExperimentSnapshot experiment = timeseries.experiment();
		List<TimeseriesRow> rows = new ArrayList<>();
		for (ExperimentTimeseries.Day day : timeseries.days()) {
			String createdAt = ApiTime.format(day.date().atStartOfDay(timeseries.zone()).toInstant().toEpochMilli());
			for (VariantSnapshot variant : experiment.variants()) {
				rows.add(TimeseriesRow.of(day, variant.index(), createdAt));
			}
		}
		List<ExperimentTimeseries.Day> days = timeseries.days();
		return new TimeseriesResponse(true, experiment.testId(), experiment.name(),
				experiment.primaryGoal().map(PrimaryGoal::of).orElse(null),
				timeseries.goal().map((selected) -> CountedGoal.of(selected.goal(), selected.source())).orElse(null),
				text(timeseries.query().startDate()), text(timeseries.query().endDate()),
				days.isEmpty() ? null : days.get(0).date().toString(),
				days.isEmpty() ? null : days.get(days.size() - 1).date().toString(), timeseries.reportPhase().apiName(),
				rows.size(), rows);
	}

	private static String text(LocalDate date) {
		return (date != null) ? date.toString() : null;
	}

	/**
	 * One variant on one day.
	 *
	 * @param variantId the arm's index as a string, "0" for Control
	 * @param date the day, YYYY-MM-DD in the request's zone
	 * @param createdAt the day's first instant
	 * @param visitors visitors who entered that day
	 * @param conversions visitors of the window whose first conversion fell on that day
	 * @param revenue the revenue to date of those visitors, in the reporting currency
	 * (for {@code pre_deploy}, of their orders before the deploy); absent when the goal
	 * has no revenue
	 * @param orders their orders; absent like {@code revenue}
	 * @param cumulativeVisitors visitors from the first day listed to this one
	 * @param cumulativeConversions those of them converted by the end of this day
	 * @param cumulativeConversionRate percent, 2 decimals
	 * @param cumulativeImprovement relative lift of the cumulative rates over Control in
	 * percent; absent for Control and while Control's rate is 0
	 * @param cumulativeConfidenceInterval the always-valid interval of that lift in
	 * percent at the experiment's threshold; absent for Control and while not estimable
	 * @param cumulativePValue the always-valid p-value of no lift; absent like the
	 * interval
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record TimeseriesRow(String variantId, String date, String createdAt, long visitors, long conversions,
			@JsonInclude(JsonInclude.Include.NON_NULL) Double revenue,
			@JsonInclude(JsonInclude.Include.NON_NULL) Long orders, long cumulativeVisitors, long cumulativeConversions,
			double cumulativeConversionRate, @JsonInclude(JsonInclude.Include.NON_NULL) Double cumulativeImprovement,
			@JsonInclude(JsonInclude.Include.NON_NULL) List<Double> cumulativeConfidenceInterval,
			@JsonProperty("cumulative_p_value") @JsonInclude(JsonInclude.Include.NON_NULL) Double cumulativePValue) {

		static TimeseriesRow of(ExperimentTimeseries.Day day, int variant, String createdAt) {
			VariantTally daily = day.daily().get(variant);
			VariantTally cumulative = day.cumulative().get(variant);
			TreatmentStatistics treatment = (variant == 0) ? null : day.statistics().treatments().get(variant - 1);
			boolean estimable = treatment != null && treatment.estimable();
			RevenueTally money = (day.revenue() != null) ? day.revenue().get(variant) : null;
			return new TimeseriesRow(Integer.toString(variant), day.date().toString(), createdAt, daily.visitors(),
					daily.conversions(), (money != null) ? money.revenue().doubleValue() : null,
					(money != null) ? money.orders() : null, cumulative.visitors(), cumulative.conversions(),
					cumulative.conversionRate(),
					(variant == 0) ? null : ResultResponse.improvement(cumulative, day.cumulative().get(0)),
					estimable ? ResultResponse.interval(treatment.confidenceInterval()) : null,
					estimable ? ResultResponse.roundedPValue(treatment.pValue()) : null);
		}

	}

}
