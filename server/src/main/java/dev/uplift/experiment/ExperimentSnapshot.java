package dev.uplift.experiment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

import dev.uplift.assignment.SplitRule;

/**
 * What other features need to know of one experiment that is not deleted: its identity,
 * life-cycle, configuration, arms and attached goals.
 *
 * @param testId the experiment's id ({@code test_id})
 * @param projectId the owning project
 * @param experimentKey slug used by the server-side SDKs (defaults to the test id)
 * @param name {@code test_name}
 * @param status draft, live or inactive
 * @param completed whether it was concluded
 * @param createdAt creation instant (epoch ms), the result's {@code start_date}
 * @param endedAt conclusion instant (epoch ms) or null
 * @param trafficAllocation percent of visitors included, 0 to 100
 * @param confidenceInterval decision threshold in percent, 50 to 99
 * @param bayesian whether the Bayesian engine decides significance (else frequentist)
 * @param sequential whether always-valid (sequential) frequentist inference is used
 * @param priorMean mean of the optional normal prior on the relative lift, or null for a
 * flat prior
 * @param priorVariance variance of the optional normal prior, or null
 * @param variants Control (index 0) first, then treatments in order
 * @param goals attached goals, the primary goal (if any) first
 * @param url the editor URL: one concrete page, the base of preview links, or null
 * @param pageRules the pages the experiment runs on ({@code page_urls}); empty means only
 * {@code url}
 * @param customJs experiment-wide JavaScript run for every assigned visitor, Control
 * included, or null
 * @param customCss experiment-wide CSS for every assigned visitor, Control included, or
 * null
 * @param hashSeed what visitors' ids are hashed with ({@code hash_seed})
 * @param hashVersion the assignment scheme ({@code hash_version}), docs/assignment.md
 * @param targeting the audience ({@code targeting}); {@link Targeting#NONE} for everyone
 * @param serving the winner served now, or null (docs/api.md §3, serve-winner)
 * @param deployedAt when a winner was first served (epoch ms), which splits results into
 * report phases, or null when none ever was
 * @param testType an A/B test, or a split-URL test whose treatments redirect
 */
public record ExperimentSnapshot(long testId, long projectId, String experimentKey, String name,
		ExperimentStatus status, boolean completed, long createdAt, Long endedAt, double trafficAllocation,
		int confidenceInterval, boolean bayesian, boolean sequential, Double priorMean, Double priorVariance,
		List<VariantSnapshot> variants, List<GoalSnapshot> goals, String url, List<PageRule> pageRules, String customJs,
		String customCss, String hashSeed, int hashVersion, Targeting targeting, Serving serving, Long deployedAt,
		TestType testType) {

	public ExperimentSnapshot {
		variants = List.copyOf(variants);
		goals = List.copyOf(goals);
		pageRules = (pageRules != null) ? List.copyOf(pageRules) : List.of();
		targeting = (targeting != null) ? targeting : Targeting.NONE;
		testType = (testType != null) ? testType : TestType.ABTEST;
	}

	/**
	 * Where this arm sends its visitors: a treatment's redirect in a split-URL test, else
	 * nothing.
	 */
	public Optional<Redirect> redirect(VariantSnapshot variant) {
		return Redirect.of(this.testType, variant.index(), variant.data());
	}

	/** Whether a winner is served now. */
	public boolean isServing() {
		return this.serving != null;
	}

	/** The primary goal, when one is attached. */
	public Optional<GoalSnapshot> primaryGoal() {
		return this.goals.stream().filter(GoalSnapshot::primary).findFirst();
	}

	/** The attached goal with this key. */
	public Optional<GoalSnapshot> goalByKey(String goalKey) {
		return this.goals.stream().filter((goal) -> goal.goalKey().equals(goalKey)).findFirst();
	}

	/** The attached goal with this id. */
	public Optional<GoalSnapshot> goalById(long goalId) {
		return this.goals.stream().filter((goal) -> goal.goalId() == goalId).findFirst();
	}

	/**
	 * How this experiment splits visitors: its hashing, traffic allocation and weights.
	 */
	public SplitRule splitRule() {
		return new SplitRule(this.testId, this.hashVersion, this.hashSeed, this.trafficAllocation, weights());
	}

	/** The configured weights, Control first. */
	public double[] weights() {
		return this.variants.stream().mapToDouble(VariantSnapshot::weight).toArray();
	}

	/**
	 * Mida's {@code distribution_mode}: {@code equal} when every arm has the same weight,
	 * else {@code custom} (Uplift has no multi-armed bandits).
	 */
	public String distributionMode() {
		return (this.variants.stream().mapToDouble(VariantSnapshot::weight).distinct().count() <= 1) ? "equal"
				: "custom";
	}

	/**
	 * An arm's {@code traffic_weight}: its weight in percent of all weights, rounded
	 * half-up to 2 decimals.
	 */
	public double trafficWeight(VariantSnapshot variant) {
		double total = this.variants.stream().mapToDouble(VariantSnapshot::weight).sum();
		return (total > 0)
				? BigDecimal.valueOf(variant.weight() * 100 / total).setScale(2, RoundingMode.HALF_UP).doubleValue()
				: 0;
	}

	/**
	 * One arm of an experiment.
	 *
	 * @param index 0 for Control, 1.. for treatments; the API's {@code variant_id} as a
	 * string
	 * @param name {@code Control}, {@code Variant 1}, ...
	 * @param nickname human label, or null
	 * @param weight configured traffic weight (not normalised)
	 * @param customCss the arm's CSS, or null
	 * @param customJs the arm's JavaScript, or null
	 * @param data the visual editor's DOM changes as a JSON array text
	 * (docs/mida-v2-api.md §3.3), {@code []} when none
	 */
	public record VariantSnapshot(int index, String name, String nickname, double weight, String customCss,
			String customJs, String data) {

		/**
		 * Mida's {@code variant_status}: {@code paused} at weight 0, else {@code active}.
		 */
		public String status() {
			return (this.weight > 0) ? "active" : "paused";
		}

		/** The name shown in results: the nickname when there is one. */
		public String displayName() {
			return (this.nickname != null && !this.nickname.isBlank()) ? this.nickname : this.name;
		}

	}

	/**
	 * A goal attached to an experiment.
	 *
	 * @param goalId {@code goal_profile_id}
	 * @param goalKey project-unique slug
	 * @param goalName display name
	 * @param goalType one of the goal types of docs/mida-v2-api.md (§3.4)
	 * @param goalValue selector, URL, event name, ... depending on the type
	 * @param primary whether it is the experiment's primary goal
	 * @param elementUrl the page where the goal's element or form lives, or null
	 */
	public record GoalSnapshot(long goalId, String goalKey, String goalName, String goalType, String goalValue,
			boolean primary, String elementUrl) {

	}

	/**
	 * A winner served on the experiment's own row, to a share of its visitors chosen by
	 * {@link dev.uplift.assignment.Bucketing#inRollout}.
	 *
	 * @param variant the arm served, by index
	 * @param rollout percent of eligible visitors who get it, 0 to 100
	 * @param since when this serving began (epoch ms)
	 */
	public record Serving(int variant, double rollout, long since) {
	}

	/**
	 * One entry of an experiment's {@code page_urls}.
	 *
	 * @param url the address, fragment or pattern the rule compares with
	 * @param rule {@code simple} (that page, ignoring scheme, {@code www.}, query and
	 * trailing slash), {@code exact}, {@code contain} or {@code regex}
	 * @param allowed false when the entry excludes pages; exclusions win over inclusions
	 */
	public record PageRule(String url, String rule, boolean allowed) {
	}

}
