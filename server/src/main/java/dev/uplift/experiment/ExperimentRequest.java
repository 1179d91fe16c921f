package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
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
 * @param testType {@code abtest} (the default) or {@code split}; Mida's other types are
 * refused
 * @param controlAttr Control's name and code in Mida's raw form, instead of
 * {@code control}
 * @param tags labels, which Uplift does not keep
 * @param idempotencyKey create only: replays the first answer to the same key for 24
 * hours
 * @param unknown fields that are not part of the route, answered as warnings
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
		@Size(max = ExperimentChanges.MAX_GOALS, message = MAX_ENTRIES) List<@Valid GoalRequest> secondaryGoals,
		String testType, @Valid ControlAttributes controlAttr, JsonNode tags,
		@Size(max = IdempotencyKey.MAX_LENGTH, message = GoalRequest.MAX_LENGTH) String idempotencyKey,
		@JsonAnySetter Map<String, JsonNode> unknown) {

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
		MidaFields.refuseUnsupported(this);
		if (this.testName != null && this.testName.isBlank()) {
			throw bad("test_name", "must not be blank");
		}
		if (this.control != null && this.controlAttr != null) {
			throw new InvalidInput("control_attr", "Send either 'control' or 'control_attr', not both");
		}
		return new ExperimentChanges((this.testName != null) ? this.testName.strip() : null, editorUrl(),
				(this.pageUrls != null) ? PageRules.read(this.pageUrls) : null, treatments(), controlDraft(),
				this.customJs, this.customCss, settings(), weights(), goalKey("primary_goal_key", this.primaryGoalKey),
				checkedSecondaryGoalKeys(), checkedHashSeed(),
				(this.targeting != null) ? TargetingDraft.read(JsonFields.element(this.targeting, "targeting")) : null,
				ScheduleChanges.read(this.configuration),
				(this.testType != null) ? TestType.ofCode(this.testType).orElseThrow() : null);
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

	private VariantDraft controlDraft() {
		if (this.controlAttr != null) {
			return new VariantRequest(this.controlAttr.name(), null, this.controlAttr.css(), this.controlAttr.js(),
					null, null, null, null)
				.draft(0, "control_attr");
		}
		return (this.control != null) ? this.control.draft(0, "control") : null;
	}

	/**
	 * The changes of an update, checked; the fields only create reads are a 400 rather
	 * than ignored.
	 */
	ExperimentChanges updateChanges() {
		refuseOnUpdate("status", this.status, "is changed with PATCH .../experiment/{test_id}/status");
		refuseOnUpdate("experiment_key", this.experimentKey, "cannot change: SDKs name the experiment by it");
		refuseOnUpdate("primary_goal", this.primaryGoal,
				"creates a goal on create only; update takes 'primary_goal_key'");
		refuseOnUpdate("secondary_goals", this.secondaryGoals,
				"create goals on create only; update takes 'secondary_goal_keys'");
		refuseOnUpdate("idempotency_key", this.idempotencyKey, "is read by Create Experiment only");
		return changes();
	}

	private static void refuseOnUpdate(String field, Object value, String reason) {
		if (value != null) {
			throw bad(field, reason);
		}
	}

	/** What the request sent that Uplift accepts without acting on it, for people. */
	List<String> warnings() {
		return MidaFields.warnings(this);
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

	static InvalidInput bad(String field, String reason) {
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
	 * @param isMab 1 for a multi-armed bandit, which Uplift does not run
	 * @param isAutopilot 1 for automatic allocation, which Uplift does not run
	 * @param distribution {@code "manual"}: the weights decide
	 * @param startTestDate a scheduled start, which Uplift does not run
	 * @param endTestDate a scheduled end, which Uplift does not run
	 * @param domChangePath when DOM changes apply: {@code immediate}, as the script does
	 * @param triggerVariantChange when variant code runs: {@code immediate}, as the
	 * script does
	 * @param completionVisitor stop at this many visitors (0 off), not run by Uplift
	 * @param completionConversion stop at this many conversions (0 off), not run by
	 * Uplift
	 * @param completionStatsSignificantFlag 1 to stop at significance, not run by Uplift
	 * @param completionAfterPeriod stop after this many days (0 off), not run by Uplift
	 * @param integration integrations to send data to, none in Uplift
	 * @param unknown fields that are not part of {@code configuration}
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record Configuration(Double trafficAllocation, Integer confidenceInterval,
			@JsonDeserialize(using = Flag.class) Boolean bayesian,
			@JsonDeserialize(using = Flag.class) Boolean sequential, Double priorMean, Double priorVariance,
			@Size(max = ExperimentChanges.MAX_VARIANTS + 1, message = MAX_ENTRIES) List<Double> weights,
			@JsonDeserialize(using = Flag.class) Boolean isMab,
			@JsonDeserialize(using = Flag.class) Boolean isAutopilot, JsonNode distribution, JsonNode startTestDate,
			JsonNode endTestDate, JsonNode domChangePath, JsonNode triggerVariantChange, Long completionVisitor,
			Long completionConversion, @JsonDeserialize(using = Flag.class) Boolean completionStatsSignificantFlag,
			Long completionAfterPeriod, JsonNode integration, @JsonAnySetter Map<String, JsonNode> unknown) {

		static final Configuration NONE = new Configuration(null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null);

	}

	/**
	 * Control in Mida's raw form.
	 *
	 * @param name its label
	 * @param js its JavaScript
	 * @param css its CSS
	 */
	record ControlAttributes(
			@Size(max = VariantDraft.MAX_NICKNAME_LENGTH, message = GoalRequest.MAX_LENGTH) String name,
			@Size(max = VariantDraft.MAX_CODE_LENGTH, message = GoalRequest.MAX_LENGTH) String js,
			@Size(max = VariantDraft.MAX_CODE_LENGTH, message = GoalRequest.MAX_LENGTH) String css) {
	}

}
