package dev.uplift.experiment;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

import dev.uplift.experiment.ExperimentSnapshot.PageRule;
import dev.uplift.web.ApiNumber;
import dev.uplift.web.ApiTime;

/**
 * The JSON shapes of experiments and goals (docs/mida-v2-api.md §4.2, §4.7), snake_case,
 * {@code success} first.
 */
final class ExperimentViews {

	private ExperimentViews() {
	}

	/**
	 * An experiment as lists show it.
	 *
	 * @param testId its id
	 * @param testName its name
	 * @param url the editor URL
	 * @param status status code (9 draft, 1 live, 0 paused)
	 * @param isCompleted 1 once concluded
	 * @param createdAt creation time
	 * @param updatedAt last change
	 * @param servingVariantId the arm served as the winner, or null
	 * @param isDeploy always 0: winners are served on the experiment's own row
	 * @param experimentKey the key SDKs name it by
	 * @param hashSeed the seed of its assignment hash
	 * @param hashVersion the version of its assignment hash
	 * @param isServing whether a winner is served
	 * @param servingTrafficAllocation percent of eligible visitors who get the winner, or
	 * null when none is served
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ExperimentSummary(long testId, String testName, String url, int status, int isCompleted, String createdAt,
			String updatedAt, String servingVariantId, int isDeploy, String experimentKey, String hashSeed,
			int hashVersion, boolean isServing, Number servingTrafficAllocation) {

		static ExperimentSummary of(Experiment experiment, ExperimentSnapshot.Serving serving) {
			return new ExperimentSummary(experiment.id(), experiment.name(), experiment.url(),
					experiment.status().code(), experiment.completed() ? 1 : 0, ApiTime.format(experiment.createdAt()),
					ApiTime.format(experiment.updatedAt()),
					(serving != null) ? Integer.toString(serving.variant()) : null, 0, experiment.key(),
					experiment.hashSeed(), experiment.hashVersion(), serving != null,
					(serving != null) ? number(serving.rollout()) : null);
		}

	}

	/**
	 * An experiment with everything it is made of: Get Experiment Details.
	 *
	 * @param summary the fields lists show
	 * @param testType {@code abtest} or {@code split}
	 * @param endDate conclusion time, or null
	 * @param goalProfileId the primary goal's id, or null
	 * @param customJs experiment-wide JavaScript
	 * @param customCss experiment-wide CSS
	 * @param variants the arms, Control first
	 * @param configuration how it splits traffic and decides
	 * @param pageUrls the page rules
	 * @param targeting the audience rules
	 * @param primaryGoal the primary goal, or null
	 * @param secondaryGoals the secondary goals
	 * @param exclusionGroup the exclusion group it belongs to, or null
	 * @param startedAt when it first went live, or null
	 * @param completedBy the configuration field of the rule that concluded it, or null
	 * when it was concluded by hand or is not concluded
	 * @param conclusion the winner and note it was concluded with (both null when none)
	 * @param servingSince when the winner served now began to be served, or null
	 * @param deployedAt when a winner was first served: where {@code report_phase} splits
	 * results, or null when none ever was
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ExperimentView(@JsonUnwrapped ExperimentSummary summary, String testType, String endDate, Long goalProfileId,
			String customJs, String customCss, List<VariantView> variants, ConfigurationView configuration,
			List<PageRule> pageUrls, JsonNode targeting, GoalView primaryGoal, List<GoalView> secondaryGoals,
			GroupMembership exclusionGroup, String startedAt, String completedBy, Conclusion conclusion,
			String servingSince, String deployedAt) {

		static ExperimentView of(ExperimentDetails details, GroupMembership exclusionGroup, Schedule schedule,
				Conclusion conclusion) {
			Experiment experiment = details.experiment();
			ExperimentSnapshot.Serving serving = details.servingNow();
			return new ExperimentView(ExperimentSummary.of(experiment, serving), experiment.testType().code(),
					ApiTime.format(experiment.endedAt()), details.primaryGoal().map(Goal::id).orElse(null),
					experiment.customJs(), experiment.customCss(),
					details.variants().stream().map(VariantView::of).toList(),
					ConfigurationView.of(experiment.settings(), details.variants(), schedule),
					experiment.pageRules().rules(), experiment.targeting().rules(),
					details.primaryGoal().map(GoalView::of).orElse(null),
					details.secondaryGoals().stream().map(GoalView::of).toList(), exclusionGroup,
					ApiTime.format(schedule.startedAt()),
					(schedule.completedBy() != null) ? schedule.completedBy().field() : null, conclusion,
					(serving != null) ? ApiTime.format(serving.since()) : null,
					(details.serving() != null) ? ApiTime.format(details.serving().deployedAt()) : null);
		}

	}

	/**
	 * One arm of an experiment.
	 *
	 * @param variantId its index, 0 for Control
	 * @param name its fixed name
	 * @param nickname its label, or null
	 * @param weight its weight
	 * @param customCSS its CSS
	 * @param customJS its JavaScript
	 * @param data its DOM changes
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record VariantView(int variantId, String name, String nickname, Number weight,
			@com.fasterxml.jackson.annotation.JsonProperty("customCSS") String customCss,
			@com.fasterxml.jackson.annotation.JsonProperty("customJS") String customJs, JsonNode data) {

		static VariantView of(Variant variant) {
			return new VariantView(variant.index(), variant.name(), variant.nickname(), number(variant.weight()),
					variant.customCss(), variant.customJs(), JsonMapper.shared().readTree(variant.data()));
		}

	}

	/**
	 * The {@code configuration} of an experiment.
	 *
	 * @param trafficAllocation percent of visitors included
	 * @param confidenceInterval decision threshold in percent
	 * @param weights the arms' weights, Control first
	 * @param bayesian 1 for the Bayesian engine
	 * @param sequential 1 for always-valid frequentist inference
	 * @param priorMean mean of the prior on the relative lift, or null
	 * @param priorVariance its variance, or null
	 * @param startTestDate when a draft goes live by itself, or null
	 * @param endTestDate when it is concluded by itself, or null
	 * @param completionVisitor conclude at this many visitors, 0 for never
	 * @param completionConversion conclude at this many conversions, 0 for never
	 * @param completionStatsSignificantFlag 1 to conclude when a treatment is decided
	 * @param completionAfterPeriod conclude this many days after the first start, 0 for
	 * never
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ConfigurationView(Number trafficAllocation, int confidenceInterval, List<Number> weights, int bayesian,
			int sequential, Double priorMean, Double priorVariance, String startTestDate, String endTestDate,
			long completionVisitor, long completionConversion, int completionStatsSignificantFlag,
			long completionAfterPeriod) {

		static ConfigurationView of(Settings settings, List<Variant> variants, Schedule schedule) {
			return new ConfigurationView(number(settings.trafficAllocation()), settings.confidenceInterval(),
					variants.stream().map((variant) -> number(variant.weight())).toList(), settings.bayesian() ? 1 : 0,
					settings.sequential() ? 1 : 0, settings.priorMean(), settings.priorVariance(),
					ApiTime.format(schedule.startAt()), ApiTime.format(schedule.endAt()), schedule.completionVisitors(),
					schedule.completionConversions(), schedule.completionSignificant() ? 1 : 0,
					schedule.completionAfterDays());
		}

	}

	/**
	 * A goal in the shape of Get Goal Details, also used inside experiments.
	 *
	 * @param goalProfileId its id
	 * @param goalKey its key
	 * @param goalName its name
	 * @param goalType its type
	 * @param goalValue the value it matches
	 * @param goalPurpose sell, engage or generate
	 * @param elementUrl the page of its element or form, or null
	 * @param status 1 active
	 * @param createdAt creation time
	 * @param updatedAt last change
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record GoalView(long goalProfileId, String goalKey, String goalName, String goalType, String goalValue,
			String goalPurpose, String elementUrl, int status, String createdAt, String updatedAt) {

		static GoalView of(Goal goal) {
			return new GoalView(goal.id(), goal.key(), goal.name(), goal.type(), goal.value(), goal.purpose(),
					goal.elementUrl(), goal.status(), ApiTime.format(goal.createdAt()),
					ApiTime.format(goal.updatedAt()));
		}

	}

	/**
	 * The exclusion group an experiment belongs to, as its details show it.
	 *
	 * @param groupId the group
	 * @param name its name
	 * @param percent the experiment's share of the group's traffic
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record GroupMembership(long groupId, String name, Number percent) {

		static GroupMembership of(ExclusionGroup group, long testId) {
			return new GroupMembership(group.id(), group.name(),
					group.member(testId).map((member) -> number(member.percent())).orElse(null));
		}

	}

	/**
	 * The configured split in percent of the weights, Control first: Get Experiment
	 * Distribution.
	 *
	 * @param success always true
	 * @param testId the experiment
	 * @param testName its name
	 * @param status its status label
	 * @param trafficAllocation percent of visitors included
	 * @param distributionMode {@code equal} or {@code custom}
	 * @param isMab always false: no multi-armed bandits
	 * @param variants the arms' shares
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record DistributionResponse(boolean success, long testId, String testName, String status, Number trafficAllocation,
			String distributionMode, boolean isMab, List<ArmShare> variants) {

		static DistributionResponse of(ExperimentDetails details) {
			Experiment experiment = details.experiment();
			ExperimentSnapshot snapshot = details.snapshot();
			return new DistributionResponse(true, experiment.id(), experiment.name(), experiment.status().label(),
					number(experiment.settings().trafficAllocation()), snapshot.distributionMode(), false,
					snapshot.variants()
						.stream()
						.map((variant) -> new ArmShare(Integer.toString(variant.index()), variant.displayName(),
								variant.nickname(), snapshot.trafficWeight(variant), variant.status()))
						.toList());
		}

	}

	/**
	 * One arm's share of the traffic.
	 *
	 * @param variantId its index as a string
	 * @param name its display name
	 * @param nickname its label, or null
	 * @param trafficWeight its percent of the included traffic
	 * @param variantStatus {@code active}, or {@code paused} at weight 0
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ArmShare(String variantId, String name, String nickname, double trafficWeight, String variantStatus) {
	}

	// Whole numbers read as integers, as Mida writes them: 100 rather than 100.0.
	static Number number(double value) {
		return ApiNumber.of(value);
	}

}
