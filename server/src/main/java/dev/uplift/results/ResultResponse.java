package dev.uplift.results;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.GoalSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.VariantSnapshot;
import dev.uplift.stats.ExperimentStatistics;
import dev.uplift.stats.Interval;
import dev.uplift.stats.RevenueComparison;
import dev.uplift.stats.SampleRatioMismatch;
import dev.uplift.stats.TreatmentStatistics;
import dev.uplift.web.ApiNumber;
import dev.uplift.web.ApiTime;

/**
 * The body of Get Experiment Result (docs/api.md §2), shared by the API and the public
 * share pages; fields in the order of the contract. Percentages are rounded half-up to 2
 * decimals, p-values to 4 significant digits (docs/statistics.md).
 *
 * @param success always true
 * @param testId the experiment
 * @param testName its name
 * @param status its status label
 * @param statusCode its status code
 * @param startDate creation time
 * @param endDate conclusion time, or null
 * @param daysRunning whole days from creation to the end (or now)
 * @param statsEngine the experiment's engine
 * @param confidenceThresholdPercent the decision threshold
 * @param servingVariantId the arm served as the winner; absent while none is served
 * @param isServing whether a winner is served
 * @param reportPhase the period counted: {@code pre_deploy}, {@code post_deploy} or
 * {@code all_time}
 * @param deployedAt when a winner was first served, where the phases split; absent when
 * none ever was
 * @param primaryGoal the experiment's primary goal, or null
 * @param goal the goal counted, or null when the experiment has none
 * @param trafficAllocation percent of visitors included
 * @param distributionMode {@code equal}, {@code custom} or {@code mab}
 * @param isMab whether it is a multi-armed bandit
 * @param totalVisitors visitors of every arm
 * @param totalConversions conversions of every arm
 * @param hasRevenue whether the goal has revenue: a revenue goal, or orders reached its
 * counted visitors; the other revenue fields are absent when false
 * @param totalRevenue revenue of every arm's converted visitors to date, in
 * {@code currency}
 * @param totalOrders their orders counted in the revenue
 * @param rpv total revenue per visitor, 2 decimals
 * @param aov total revenue per order, 2 decimals
 * @param currency the project's reporting currency
 * @param ordersExcluded orders left out of the revenue; absent when none
 * @param ordersExcludedReason why they were left out; absent when none
 * @param variants one per arm, Control first
 * @param srm the sample-ratio check
 * @param breakdownBy the dimension of {@code breakdowns}; absent without
 * {@code breakdown_by}
 * @param breakdowns one per value of that dimension, largest first; absent without
 * {@code breakdown_by}
 */
@JsonNaming(SnakeCaseStrategy.class)
public record ResultResponse(boolean success, long testId, String testName, String status, int statusCode,
		String startDate, String endDate, long daysRunning, String statsEngine, int confidenceThresholdPercent,
		@JsonInclude(JsonInclude.Include.NON_NULL) String servingVariantId, boolean isServing, String reportPhase,
		@JsonInclude(JsonInclude.Include.NON_NULL) String deployedAt, PrimaryGoal primaryGoal, CountedGoal goal,
		Number trafficAllocation, String distributionMode, boolean isMab, long totalVisitors, long totalConversions,
		boolean hasRevenue, @JsonInclude(JsonInclude.Include.NON_NULL) Double totalRevenue,
		@JsonInclude(JsonInclude.Include.NON_NULL) Long totalOrders,
		@JsonInclude(JsonInclude.Include.NON_NULL) Double rpv, @JsonInclude(JsonInclude.Include.NON_NULL) Double aov,
		@JsonInclude(JsonInclude.Include.NON_NULL) String currency,
		@JsonInclude(JsonInclude.Include.NON_NULL) Long ordersExcluded,
		@JsonInclude(JsonInclude.Include.NON_NULL) String ordersExcludedReason, List<VariantResult> variants, Srm srm,
		@JsonInclude(JsonInclude.Include.NON_NULL) String breakdownBy,
		@JsonInclude(JsonInclude.Include.NON_NULL) List<SegmentResult> breakdowns) {

	private static final MathContext P_VALUE = new MathContext(4, RoundingMode.HALF_UP);

	public static ResultResponse of(ExperimentResult result) {
		ExperimentSnapshot experiment = result.experiment();
		RevenueResult revenue = result.revenue().orElse(null);
		RevenueTotals totals = RevenueTotals.of(revenue, result.totalVisitors());
		return new ResultResponse(true, experiment.testId(), experiment.name(), experiment.status().label(),
				experiment.status().code(), ApiTime.format(experiment.createdAt()),
				ApiTime.format(experiment.endedAt()), result.daysRunning(), result.statistics().engine().apiName(),
				experiment.confidenceInterval(),
				experiment.isServing() ? Integer.toString(experiment.serving().variant()) : null,
				experiment.isServing(), result.reportPhase().apiName(), ApiTime.format(experiment.deployedAt()),
				experiment.primaryGoal().map(PrimaryGoal::of).orElse(null),
				result.goal()
					.map((goal) -> CountedGoal.of(goal, result.goalSource().orElse(SelectedGoal.Source.QUERY)))
					.orElse(null),
				ApiNumber.of(experiment.trafficAllocation()), experiment.distributionMode(), experiment.mab(),
				result.totalVisitors(), result.totalConversions(), revenue != null, totals.totalRevenue(),
				totals.totalOrders(), totals.rpv(), totals.aov(), totals.currency(), totals.ordersExcluded(),
				totals.ordersExcludedReason(),
				armsOf(experiment, result.tallies(), result.statistics(), null, null, revenue),
				Srm.of(result.statistics().srm()),
				result.breakdown().map((breakdown) -> breakdown.dimension().breakdownName()).orElse(null),
				result.breakdown()
					.map((breakdown) -> breakdown.segments()
						.stream()
						.map((segment) -> SegmentResult.of(experiment, segment))
						.toList())
					.orElse(null));
	}

	/**
	 * The variants with their statistics; each treatment's p-value adjusted across the
	 * segments of a breakdown or across metrics (first treatment first), else null; the
	 * revenue fields when the goal has revenue.
	 */
	static List<VariantResult> armsOf(ExperimentSnapshot experiment, List<VariantTally> tallies,
			ExperimentStatistics statistics, double[] acrossSegments, double[] acrossMetrics, RevenueResult revenue) {
		VariantTally control = tallies.get(0);
		List<VariantResult> variants = new ArrayList<>();
		for (VariantSnapshot variant : experiment.variants()) {
			VariantTally tally = tallies.get(variant.index());
			boolean isControl = variant.index() == 0;
			VariantRevenue money = (revenue == null) ? VariantRevenue.NONE
					: VariantRevenue.of(revenue, tally, control, variant.index());
			variants.add(new VariantResult(Integer.toString(variant.index()), variant.displayName(), variant.nickname(),
					experiment.trafficWeight(variant), variant.status(), tally.visitors(), tally.conversions(),
					tally.conversionRate(), isControl ? null : improvement(tally, control), isControl,
					isControl ? null
							: Statistics.of(statistics, variant.index(),
									(acrossSegments != null) ? acrossSegments[variant.index() - 1] : null,
									(acrossMetrics != null) ? acrossMetrics[variant.index() - 1] : null),
					money.revenue(), money.orders(), money.rpv(), money.aov(), money.currency(),
					money.revenuePerVisitorImprovement(), money.revenueStatistics()));
		}
		return variants;
	}

	/**
	 * The revenue fields of a group of visitors (a result, a segment, a metric), all null
	 * without revenue.
	 *
	 * @param totalRevenue revenue of every arm's converted visitors
	 * @param totalOrders their orders counted in it
	 * @param rpv revenue per visitor
	 * @param aov revenue per order
	 * @param currency the reporting currency
	 * @param ordersExcluded orders left out of the revenue; null when none
	 * @param ordersExcludedReason why; null when none
	 */
	record RevenueTotals(Double totalRevenue, Long totalOrders, Double rpv, Double aov, String currency,
			Long ordersExcluded, String ordersExcludedReason) {

		static final RevenueTotals NONE = new RevenueTotals(null, null, null, null, null, null, null);

		static RevenueTotals of(RevenueResult revenue, long visitors) {
			if (revenue == null) {
				return NONE;
			}
			RevenueTally total = new RevenueTally(0, revenue.totalRevenueCents(), revenue.totalOrders(), 0,
					revenue.totalExcludedOrders());
			boolean excluded = total.excludedOrders() > 0;
			return new RevenueTotals(total.revenue().doubleValue(), total.orders(), Money.perVisitor(total, visitors),
					Money.perOrder(total), revenue.currency(), excluded ? total.excludedOrders() : null,
					excluded ? "in a currency without a rate to " + revenue.currency()
							+ ", or worth more than 1e12 once converted: counted as conversions, not as revenue"
							: null);
		}

	}

	/**
	 * One arm's revenue fields, all null when the goal has no revenue.
	 */
	private record VariantRevenue(Double revenue, Long orders, Double rpv, Double aov, String currency,
			Double revenuePerVisitorImprovement, RevenueStatistics revenueStatistics) {

		static final VariantRevenue NONE = new VariantRevenue(null, null, null, null, null, null, null);

		static VariantRevenue of(RevenueResult revenue, VariantTally tally, VariantTally control, int variant) {
			RevenueTally money = revenue.tallies().get(variant);
			RevenueTally controlMoney = revenue.tallies().get(0);
			boolean isControl = variant == 0;
			return new VariantRevenue(money.revenue().doubleValue(), money.orders(),
					Money.perVisitor(money, tally.visitors()), Money.perOrder(money), revenue.currency(),
					isControl ? null : Money.improvement(money, tally.visitors(), controlMoney, control.visitors()),
					isControl ? null : RevenueStatistics.of(revenue.comparisons().get(variant - 1)));
		}

	}

	static Double improvement(VariantTally tally, VariantTally control) {
		OptionalDouble improvement = tally.improvementOver(control);
		return improvement.isPresent() ? improvement.getAsDouble() : null;
	}

	/**
	 * The primary goal as Mida shows it at the top of a result.
	 *
	 * @param goalName name
	 * @param goalType type
	 * @param goalValue the value matched (URL, selector, event name)
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record PrimaryGoal(String goalName, String goalType, String goalValue) {

		static PrimaryGoal of(GoalSnapshot goal) {
			return new PrimaryGoal(goal.goalName(), goal.goalType(), goal.goalValue());
		}

	}

	/**
	 * The goal whose conversions the result counts.
	 *
	 * @param goalProfileId its id
	 * @param goalKey its key
	 * @param goalName name
	 * @param goalType type
	 * @param goalValue the value matched
	 * @param isPrimary whether it is the experiment's primary goal
	 * @param goalSource {@code query} (named by the request), {@code experiment} (its
	 * primary goal) or {@code global_default} (the project's default primary goal)
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record CountedGoal(long goalProfileId, String goalKey, String goalName, String goalType, String goalValue,
			boolean isPrimary, String goalSource) {

		static CountedGoal of(GoalSnapshot goal, SelectedGoal.Source source) {
			return new CountedGoal(goal.goalId(), goal.goalKey(), goal.goalName(), goal.goalType(), goal.goalValue(),
					goal.primary(), source.apiName());
		}

	}

	/**
	 * One arm's numbers.
	 *
	 * @param variantId the arm's index as a string, "0" for Control
	 * @param name display name: the nickname when there is one, else {@code Control},
	 * {@code Variant 1}, ... (the digest's examples, its §11)
	 * @param nickname the human label, or null
	 * @param trafficWeight configured share of the included traffic in percent
	 * @param variantStatus {@code active}, or {@code paused} at weight 0
	 * @param visitors visitors exposed
	 * @param conversions visitors converted
	 * @param conversionRate percent, 2 decimals
	 * @param improvement relative lift over Control in percent; absent for Control and
	 * when Control's rate is 0
	 * @param isControl whether this is Control
	 * @param statistics the comparison with Control; absent for Control
	 * @param revenue revenue of the arm's converted visitors to date; absent without
	 * revenue, like every field below
	 * @param orders their orders counted in the revenue
	 * @param rpv revenue per visitor, 2 decimals
	 * @param aov revenue per order, 2 decimals
	 * @param currency the project's reporting currency
	 * @param revenuePerVisitorImprovement relative lift of revenue per visitor over
	 * Control in percent, from unrounded values; absent for Control and when Control has
	 * no revenue
	 * @param revenueStatistics the comparison of revenue per visitor with Control; absent
	 * for Control
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record VariantResult(String variantId, String name, String nickname, double trafficWeight,
			String variantStatus, long visitors, long conversions, double conversionRate,
			@JsonInclude(JsonInclude.Include.NON_NULL) Double improvement, boolean isControl,
			@JsonInclude(JsonInclude.Include.NON_NULL) Statistics statistics,
			@JsonInclude(JsonInclude.Include.NON_NULL) Double revenue,
			@JsonInclude(JsonInclude.Include.NON_NULL) Long orders,
			@JsonInclude(JsonInclude.Include.NON_NULL) Double rpv,
			@JsonInclude(JsonInclude.Include.NON_NULL) Double aov,
			@JsonInclude(JsonInclude.Include.NON_NULL) String currency,
			@JsonInclude(JsonInclude.Include.NON_NULL) Double revenuePerVisitorImprovement,
			@JsonInclude(JsonInclude.Include.NON_NULL) RevenueStatistics revenueStatistics) {
	}

	/**
	 * A treatment's revenue per visitor against Control's (docs/statistics.md): Welch's
	 * test, fixed-horizon whatever the experiment's engine.
	 *
	 * @param lift relative lift of revenue per visitor, percent
	 * @param pValue two-sided p-value of Welch's test of equal revenue per visitor
	 * @param confidenceInterval delta-method interval of the lift at the experiment's
	 * threshold, percent
	 * @param significant whether the p-value is below 1 − threshold
	 * @param estimable whether both arms have 2 visitors or more and Control has revenue
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record RevenueStatistics(double lift, double pValue, List<Double> confidenceInterval, boolean significant,
			boolean estimable) {

		static RevenueStatistics of(RevenueComparison comparison) {
			return new RevenueStatistics(roundedPercent(comparison.lift()), roundedPValue(comparison.pValue()),
					interval(comparison.confidenceInterval()), comparison.significant(), comparison.estimable());
		}

	}

	/**
	 * A treatment against Control (docs/api.md §6).
	 *
	 * @param lift posterior mean of the relative lift, percent
	 * @param chanceToBeatControl percent
	 * @param credibleInterval Bayesian interval of the lift, percent
	 * @param expectedLoss percent
	 * @param pValue two-sided p-value
	 * @param pValueAdjusted Holm-adjusted p-value across treatments; present with two or
	 * more
	 * @param confidenceInterval frequentist interval of the lift, percent
	 * @param significant whether the experiment's engine calls it at its threshold
	 * @param sequential whether the frequentist numbers are always-valid
	 * @param estimable whether both arms have enough data to compare
	 * @param pValueSegmentsAdjusted in a breakdown, the p-value Holm-adjusted across
	 * every treatment of every segment
	 * @param pValueMetricsAdjusted in Get Experiment Metrics, the p-value Holm-adjusted
	 * across every treatment of every metric
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record Statistics(double lift, double chanceToBeatControl, List<Double> credibleInterval,
			double expectedLoss, double pValue, @JsonInclude(JsonInclude.Include.NON_NULL) Double pValueAdjusted,
			List<Double> confidenceInterval, boolean significant, boolean sequential, boolean estimable,
			@JsonInclude(JsonInclude.Include.NON_NULL) Double pValueSegmentsAdjusted,
			@JsonInclude(JsonInclude.Include.NON_NULL) Double pValueMetricsAdjusted) {

		static Statistics of(ExperimentStatistics statistics, int variantIndex, Double acrossSegments,
				Double acrossMetrics) {
			TreatmentStatistics treatment = statistics.treatments()
				.stream()
				.filter((candidate) -> candidate.variantIndex() == variantIndex)
				.findFirst()
				.orElseThrow();
			return new Statistics(roundedPercent(treatment.lift()), roundedPercent(treatment.chanceToBeatControl()),
					interval(treatment.credibleInterval()), roundedPercent(treatment.expectedLoss()),
					roundedPValue(treatment.pValue()),
					statistics.hasAdjustedPValues() ? roundedPValue(treatment.pValueAdjusted()) : null,
					interval(treatment.confidenceInterval()), treatment.significant(), treatment.sequential(),
					treatment.estimable(), (acrossSegments != null) ? roundedPValue(acrossSegments) : null,
					(acrossMetrics != null) ? roundedPValue(acrossMetrics) : null);
		}

	}

	/**
	 * One segment of a breakdown, compared against its own Control.
	 *
	 * @param criteria the dimension's value, or {@code (other)} for the rest past the
	 * largest segments
	 * @param totalVisitors visitors of the segment
	 * @param totalConversions their conversions
	 * @param conversionRate percent, 2 decimals
	 * @param hasRevenue whether the result has revenue; the revenue fields are absent
	 * when false
	 * @param totalRevenue revenue of the segment's converted visitors to date
	 * @param totalOrders their orders counted in the revenue
	 * @param rpv revenue per visitor of the segment, 2 decimals
	 * @param aov revenue per order, 2 decimals
	 * @param currency the project's reporting currency
	 * @param ordersExcluded orders left out of the revenue; absent when none
	 * @param variants one per arm, Control first, with their revenue fields as in the
	 * result
	 * @param srm the segment's own sample-ratio check
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record SegmentResult(String criteria, long totalVisitors, long totalConversions, double conversionRate,
			boolean hasRevenue, @JsonInclude(JsonInclude.Include.NON_NULL) Double totalRevenue,
			@JsonInclude(JsonInclude.Include.NON_NULL) Long totalOrders,
			@JsonInclude(JsonInclude.Include.NON_NULL) Double rpv,
			@JsonInclude(JsonInclude.Include.NON_NULL) Double aov,
			@JsonInclude(JsonInclude.Include.NON_NULL) String currency,
			@JsonInclude(JsonInclude.Include.NON_NULL) Long ordersExcluded, List<VariantResult> variants, Srm srm) {

		static SegmentResult of(ExperimentSnapshot experiment, Breakdown.Segment segment) {
			long visitors = segment.tallies().stream().mapToLong(VariantTally::visitors).sum();
			long conversions = segment.tallies().stream().mapToLong(VariantTally::conversions).sum();
			RevenueResult revenue = segment.revenue().orElse(null);
			RevenueTotals totals = RevenueTotals.of(revenue, visitors);
			return new SegmentResult(segment.criteria(), visitors, conversions,
					new VariantTally(0, visitors, conversions).conversionRate(), revenue != null, totals.totalRevenue(),
					totals.totalOrders(), totals.rpv(), totals.aov(), totals.currency(), totals.ordersExcluded(),
					armsOf(experiment, segment.tallies(), segment.statistics(), segment.pValuesAcrossSegments(), null,
							revenue),
					Srm.of(segment.statistics().srm()));
		}

	}

	/**
	 * The sample-ratio mismatch check.
	 *
	 * @param pValue chi-square p-value of the observed split against the weights
	 * @param detected whether it is below the detection threshold
	 * @param expectedWeights the configured shares, Control first
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	public record Srm(double pValue, boolean detected, List<Double> expectedWeights) {

		static Srm of(SampleRatioMismatch srm) {
			return new Srm(roundedPValue(srm.pValue()), srm.detected(),
					srm.expectedWeights().stream().map(ResultResponse::roundedWeight).toList());
		}

	}

	static List<Double> interval(Interval interval) {
		return List.of(roundedPercent(interval.low()), roundedPercent(interval.high()));
	}

	static double roundedPercent(double value) {
		return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
	}

	static double roundedPValue(double value) {
		return BigDecimal.valueOf(value).round(P_VALUE).doubleValue();
	}

	private static double roundedWeight(double value) {
		return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).doubleValue();
	}

}
