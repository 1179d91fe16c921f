package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.assignment.SplitRule;
import dev.uplift.error.InvalidInput;
import dev.uplift.experiment.Settings.SettingsChanges;
import dev.uplift.web.Flag;

/**
 * Create Experiment and Update Experiment as sent (docs/mida-v2-api.md §4.2, docs/api.md
 * §3); null means not sent. Bean Validation checks lengths and sizes; the rules that need
 * more than one field, or code, are checked when the request becomes a draft or changes.
 * Page rules (a string or an object per entry) and targeting (an open set of rule keys)
 * are read by their own code.
 *
 * @param testName the name
 * @param url the editor URL
 * @param pageUrls the page rules
 * @param variants the treatments, in order (Control is added)
 * @param control Control's nickname and code
 * @param customJs experiment-wide JavaScript
 * @param customCss experiment-wide CSS
 * @param configuration how it splits traffic and decides
 * @param trafficAllocation alias of {@code configuration.traffic_allocation}, read when
 * no {@code configuration} is sent
 * @param confidenceInterval alias of {@code configuration.confidence_interval}
 * @param bayesian alias of {@code configuration.bayesian}
 * @param sequential alias of {@code configuration.sequential}
 * @param priorMean alias of {@code configuration.prior_mean}
 * @param priorVariance alias of {@code configuration.prior_variance}
 * @param primaryGoalKey the key of an existing goal to make primary
 * @param secondaryGoalKeys the keys of existing goals to make secondary
 * @param hashSeed the seed of the assignment hash
 * @param targeting the audience rules, replacing the current ones whole
 * @param experimentKey create only: the key SDKs name it by (the test id by default)
 * @param status create only: 9 draft (the default), 1 live or 0 inactive
 * @param primaryGoal create only: a goal to find or create as primary
 * @param secondaryGoals create only: goals to find or create as secondary
 */
@JsonNaming(SnakeCaseStrategy.class)
record ExperimentRequest(
		@Size(max = ExperimentChanges.MAX_NAME_LENGTH, message = GoalRequest.MAX_LENGTH) String testName,
		@Size(max = PageRules.MAX_URL_LENGTH, message = GoalRequest.MAX_LENGTH) String url,
		@Size(max = PageRules.MAX_RULES, message = MAX_ENTRIES) List<JsonNode> pageUrls,
		@Size(max = ExperimentChanges.MAX_VARIANTS, message = MAX_ENTRIES) List<@Valid VariantRequest> variants,
		@Valid VariantRequest control,
		@Size(max = VariantDraft.MAX_CODE_LENGTH, message = GoalRequest.MAX_LENGTH) String customJs,
		@Size(max = VariantDraft.MAX_CODE_LENGTH, message = GoalRequest.MAX_LENGTH) String customCss,
		@Valid Configuration configuration, Double trafficAllocation, Integer confidenceInterval,
		@JsonDeserialize(using = Flag.class) Boolean bayesian, @JsonDeserialize(using = Flag.class) Boolean sequential,
		Double priorMean, Double priorVariance,
		@Size(max = Slugs.MAX_LENGTH, message = GoalRequest.MAX_LENGTH) String primaryGoalKey,
		@Size(max = ExperimentChanges.MAX_GOALS, message = MAX_ENTRIES) List<String> secondaryGoalKeys,
		@Size(max = SplitRule.MAX_SEED_LENGTH, message = GoalRequest.MAX_LENGTH) String hashSeed, JsonNode targeting,
		@Size(max = Slugs.MAX_LENGTH, message = GoalRequest.MAX_LENGTH) String experimentKey, Integer status,
		@Valid GoalRequest primaryGoal,
		@Size(max = ExperimentChanges.MAX_GOALS, message = MAX_ENTRIES) List<@Valid GoalRequest> secondaryGoals) {

	static final String MAX_ENTRIES = "must have at most {max} entries";

	/** The experiment to create, checked. */
	ExperimentDraft draft() {
		ExperimentChanges fields = changes();
		if (this.experimentKey != null
				&& (!Slugs.isSlug(this.experimentKey) || this.experimentKey.chars().allMatch(Character::isDigit))) {
			throw bad("experiment_key", "must be 1 to 100 characters of a-z, 0-9, '_' and '-', "
					+ "and not only digits (plain numbers are the test ids' default keys)");
		}
		List<GoalDraft> secondary = new ArrayList<>();
		if (this.secondaryGoals != null) {
			for (int i = 0; i < this.secondaryGoals.size(); i++) {
				String path = "secondary_goals[" + i + "]";
				secondary.add(required(path, this.secondaryGoals.get(i)).draft(path + "."));
			}
		}
		return new ExperimentDraft(fields, this.experimentKey,
				(this.status != null) ? ExperimentStatus.fromClient("status", this.status) : ExperimentStatus.DRAFT,
				(this.primaryGoal != null) ? this.primaryGoal.draft("primary_goal.") : null, secondary);
	}

	/** The fields that create shares with update, checked. */
	ExperimentChanges changes() {
		if (this.testName != null && this.testName.isBlank()) {
			throw bad("test_name", "must not be blank");
		}
		return new ExperimentChanges((this.testName != null) ? this.testName.strip() : null, editorUrl(),
				(this.pageUrls != null) ? PageRules.read(this.pageUrls) : null, treatments(),
				(this.control != null) ? this.control.draft(0, "control") : null, this.customJs, this.customCss,
				settings(), weights(), goalKey("primary_goal_key", this.primaryGoalKey), checkedSecondaryGoalKeys(),
				checkedHashSeed(),
				(this.targeting != null) ? TargetingDraft.read(JsonFields.element(this.targeting, "targeting")) : null);
	}

	private String editorUrl() {
		if (this.url == null) {
			return null;
		}
		if (this.url.isBlank()
				|| this.url.strip().codePoints().anyMatch((c) -> Character.isWhitespace(c) || c < 0x20)) {
			throw bad("url", "must be one address without spaces");
		}
		if (this.url.contains("*")) {
			throw bad("url", "is the editor URL, one concrete page: it must not contain '*'; "
					+ "put patterns in 'page_urls' (rule 'contain' or 'regex')");
		}
		if (!PageRules.isWebAddress(this.url.strip())) {
			throw bad("url", "must be an http:// or https:// address, or a path starting with '/'");
		}
		return this.url.strip();
	}

	private List<VariantDraft> treatments() {
		if (this.variants == null) {
			return null;
		}
		if (this.variants.isEmpty()) {
			throw bad("variants", "must list at least one treatment (Control is added)");
		}
		List<VariantDraft> treatments = new ArrayList<>();
		for (int i = 0; i < this.variants.size(); i++) {
			String path = "variants[" + i + "]";
			treatments.add(required(path, this.variants.get(i)).draft(i + 1, path));
		}
		return treatments;
	}

	private SettingsChanges settings() {
		Configuration nested = (this.configuration != null) ? this.configuration : Configuration.NONE;
		return new SettingsChanges(
				(this.configuration != null) ? finite("configuration.traffic_allocation", nested.trafficAllocation())
						: finite("traffic_allocation", this.trafficAllocation),
				either(nested.confidenceInterval(), this.confidenceInterval), either(nested.bayesian(), this.bayesian),
				either(nested.sequential(), this.sequential),
				finite("prior_mean", either(nested.priorMean(), this.priorMean)),
				finite("prior_variance", either(nested.priorVariance(), this.priorVariance)));
	}

	private List<Double> weights() {
		if (this.configuration == null || this.configuration.weights() == null) {
			return null;
		}
		List<Double> weights = this.configuration.weights();
		for (Double weight : weights) {
			if (weight == null || !(weight >= 0) || weight > ExperimentChanges.MAX_WEIGHT) {
				throw bad("configuration.weights", "must hold one number from 0 to "
						+ (long) ExperimentChanges.MAX_WEIGHT + " per arm, Control first");
			}
		}
		if (weights.isEmpty()) {
			throw bad("configuration.weights", "must have one number per arm, Control first");
		}
		if (weights.stream().allMatch((weight) -> weight == 0)) {
			throw bad("configuration.weights", "must not all be 0: at least one arm needs traffic");
		}
		return List.copyOf(weights);
	}

	private List<String> checkedSecondaryGoalKeys() {
		if (this.secondaryGoalKeys == null) {
			return null;
		}
		for (String key : this.secondaryGoalKeys) {
			if (key == null || key.isBlank() || key.length() > Slugs.MAX_LENGTH) {
				throw bad("secondary_goal_keys",
						"must hold non-blank strings of at most " + Slugs.MAX_LENGTH + " characters");
			}
		}
		return List.copyOf(this.secondaryGoalKeys);
	}

	private String checkedHashSeed() {
		if (this.hashSeed != null
				&& (this.hashSeed.isBlank() || this.hashSeed.codePoints().anyMatch(Character::isISOControl))) {
			throw bad("hash_seed", "must be 1 to " + SplitRule.MAX_SEED_LENGTH
					+ " characters, not blank and without control characters");
		}
		return this.hashSeed;
	}

	private static String goalKey(String field, String key) {
		if (key != null && key.isBlank()) {
			throw bad(field, "must not be blank");
		}
		return key;
	}

	private static <T> T required(String field, T entry) {
		if (entry == null) {
			throw bad(field, "must be an object");
		}
		return entry;
	}

	private static Double finite(String field, Double value) {
		if (value != null && !Double.isFinite(value)) {
			throw bad(field, "must be a finite number");
		}
		return value;
	}

	private static <T> T either(T nested, T topLevel) {
		return (nested != null) ? nested : topLevel;
	}

	private static InvalidInput bad(String field, String reason) {
		return new InvalidInput(field, "'" + field + "' " + reason);
	}

	/**
	 * The {@code configuration} object.
	 *
	 * @param trafficAllocation percent of visitors included, 0 to 100
	 * @param confidenceInterval decision threshold in percent, 50 to 99
	 * @param bayesian 1 for the Bayesian engine, 0 for the frequentist one
	 * @param sequential 1 for always-valid frequentist inference
	 * @param priorMean mean of a normal prior on the relative lift
	 * @param priorVariance its variance, with the mean
	 * @param weights one weight per arm, Control first
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record Configuration(Double trafficAllocation, Integer confidenceInterval,
			@JsonDeserialize(using = Flag.class) Boolean bayesian,
			@JsonDeserialize(using = Flag.class) Boolean sequential, Double priorMean, Double priorVariance,
			@Size(max = ExperimentChanges.MAX_VARIANTS + 1, message = MAX_ENTRIES) List<Double> weights) {

		static final Configuration NONE = new Configuration(null, null, null, null, null, null, null);

	}

}
