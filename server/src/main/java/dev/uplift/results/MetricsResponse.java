package dev.uplift.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.GoalSnapshot;
import dev.uplift.results.ResultResponse.CountedGoal;
import dev.uplift.results.ResultResponse.RevenueTotals;
import dev.uplift.results.ResultResponse.VariantResult;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of Get Experiment Metrics (docs/api.md §2.2): Mida's definitions and rows, and
 * Uplift's statistics of each metric.
 *
 * @param success always true
 * @param testId the experiment
 * @param testName its name
 * @param count the number of rows, one per variant
 * @param metricCount the number of metric definitions
 * @param metricDefinitions the goals asked for, in order
 * @param metrics per variant, Control first: visitors ({@code total}) and the converters
 * of each metric computed ({@code result_N}, N its 1-based position among the
 * definitions)
 * @param filterBy the {@code filter_by} used; absent without one
 * @param customFilter the {@code custom_filter} used; absent without one
 * @param metricResults per metric computed, its variants with statistics as in a result
 */
@JsonNaming(SnakeCaseStrategy.class)
public record MetricsResponse(boolean success, long testId, String testName, int count, int metricCount,
		List<MetricDefinition> metricDefinitions, List<MetricRow> metrics,
		@JsonInclude(JsonInclude.Include.NON_NULL) String filterBy,
		@JsonInclude(JsonInclude.Include.NON_NULL) String customFilter, List<MetricResult> metricResults) {

	static MetricsResponse of(ExperimentMetrics metrics, String filterBy, String customFilter) {
		ExperimentSnapshot experiment = metrics.experiment();
		List<MetricRow> rows = metrics.visitors().stream().map((visitors) -> {
			Map<String, Long> results = new LinkedHashMap<>();
			metrics.metrics()
				.forEach((metric) -> results.put(resultKey(metric),
						metric.tallies().get(visitors.variant()).conversions()));
			return new MetricRow(Integer.toString(visitors.variant()), visitors.visitors(), results);
		}).toList();
		return new MetricsResponse(true, experiment.testId(), experiment.name(), rows.size(),
				metrics.definitions().size(),
				metrics.definitions().stream().map((goal) -> MetricDefinition.of(goal, metrics.source())).toList(),
				rows, blankToNull(filterBy), blankToNull(customFilter),
				metrics.metrics().stream().map((metric) -> MetricResult.of(experiment, metric)).toList());
	}

	private static String resultKey(ExperimentMetrics.Metric metric) {
		return "result_" + metric.number();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/**
	 * One metric asked for.
	 *
	 * @param metricKey the goal's key
	 * @param metricText Mida's internal name of a goal metric, {@code goal_} and the key
	 * @param name the goal's name
	 * @param goal the goal
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record MetricDefinition(String metricKey, String metricText, String name, CountedGoal goal) {

		static MetricDefinition of(GoalSnapshot goal, SelectedGoal.Source source) {
			return new MetricDefinition(goal.goalKey(), "goal_" + goal.goalKey(), goal.goalName(),
					CountedGoal.of(goal, source));
		}

	}

	/**
	 * One variant's row.
	 *
	 * @param variantId the arm's index as a string, "0" for Control
	 * @param total visitors of the window (and segment)
	 * @param results {@code result_N}: the visitors converted on the N-th metric
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	@Schema(description = "A variant's visitors (total) and, per metric computed, result_N: its converters",
			additionalPropertiesSchema = Long.class)
	public record MetricRow(String variantId, long total,
			@Schema(hidden = true) @JsonAnyGetter Map<String, Long> results) {

		public MetricRow {
			results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
		}

	}

	/**
	 * One metric's numbers, as a result of that goal shows them.
	 *
	 * @param metricKey the goal's key
	 * @param resultKey the key of its column in {@code metrics}
	 * @param hasRevenue whether the goal has revenue, as in a result of it; the revenue
	 * fields are absent when false
	 * @param totalRevenue revenue of every arm's converted visitors to date
	 * @param totalOrders their orders counted in the revenue
	 * @param rpv revenue per visitor, 2 decimals
	 * @param aov revenue per order, 2 decimals
	 * @param currency the project's reporting currency
	 * @param ordersExcluded orders left out of the revenue; absent when none
	 * @param variants every arm, Control first, with their revenue fields as in a result;
	 * each treatment's statistics add {@code p_value_metrics_adjusted}
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record MetricResult(String metricKey, String resultKey, boolean hasRevenue,
			@JsonInclude(JsonInclude.Include.NON_NULL) Double totalRevenue,
			@JsonInclude(JsonInclude.Include.NON_NULL) Long totalOrders,
			@JsonInclude(JsonInclude.Include.NON_NULL) Double rpv,
			@JsonInclude(JsonInclude.Include.NON_NULL) Double aov,
			@JsonInclude(JsonInclude.Include.NON_NULL) String currency,
			@JsonInclude(JsonInclude.Include.NON_NULL) Long ordersExcluded, List<VariantResult> variants) {

		static MetricResult of(ExperimentSnapshot experiment, ExperimentMetrics.Metric metric) {
			RevenueResult revenue = metric.revenue().orElse(null);
			RevenueTotals totals = RevenueTotals.of(revenue,
					metric.tallies().stream().mapToLong(VariantTally::visitors).sum());
			return new MetricResult(metric.goal().goalKey(), MetricsResponse.resultKey(metric), revenue != null,
					totals.totalRevenue(), totals.totalOrders(), totals.rpv(), totals.aov(), totals.currency(),
					totals.ordersExcluded(), ResultResponse.armsOf(experiment, metric.tallies(), metric.statistics(),
							null, metric.pValuesAcrossMetrics(), revenue));
		}

	}

}
