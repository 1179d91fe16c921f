package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.uplift.assignment.SplitRule;
import dev.uplift.experiment.Settings.SettingsChanges;
import dev.uplift.error.InvalidInput;

/**
 * The fields of an experiment that both create and update read; null means not sent.
 *
 * @param name {@code test_name}
 * @param url editor URL
 * @param pageRules {@code page_urls}
 * @param variants treatments, in order
 * @param control the Control arm's nickname and code
 * @param customJs experiment-wide {@code custom_js}
 * @param customCss experiment-wide {@code custom_css}
 * @param settings {@code configuration} and its top-level aliases
 * @param weights {@code configuration.weights}, Control first
 * @param primaryGoalKey {@code primary_goal_key}
 * @param secondaryGoalKeys {@code secondary_goal_keys}
 * @param hashSeed {@code hash_seed}
 * @param targeting {@code targeting}, replacing the audience rules whole
 */
record ExperimentChanges(String name, String url, PageRules pageRules, List<VariantDraft> variants,
		VariantDraft control, String customJs, String customCss, SettingsChanges settings, List<Double> weights,
		String primaryGoalKey, List<String> secondaryGoalKeys, String hashSeed, Targeting targeting) {

	static final int MAX_VARIANTS = 20;

	static final int MAX_NAME_LENGTH = 500;

	static final int MAX_GOALS = 50;

	// Keeps sums of weights finite and readable; only ratios matter.
	static final double MAX_WEIGHT = 1_000_000;

	/** Reads the shared fields; an update with none of them is a 400. */
	static ExperimentChanges read(JsonFields body) {
		String name = body.text("test_name", MAX_NAME_LENGTH);
		if (name != null && name.isBlank()) {
			throw body.bad("test_name", "must not be blank");
		}
		List<JsonNode> pageUrls = body.array("page_urls", PageRules.MAX_RULES);
		JsonFields control = body.object("control");
		return new ExperimentChanges((name != null) ? name.strip() : null, editorUrl(body),
				(pageUrls != null) ? PageRules.read(pageUrls) : null, variants(body),
				(control != null) ? VariantDraft.read(control, 0) : null,
				body.text("custom_js", VariantDraft.MAX_CODE_LENGTH),
				body.text("custom_css", VariantDraft.MAX_CODE_LENGTH), SettingsChanges.read(body), weights(body),
				goalKey(body, "primary_goal_key"), body.texts("secondary_goal_keys", MAX_GOALS, Slugs.MAX_LENGTH),
				hashSeed(body), targeting(body));
	}

	boolean isEmpty() {
		return equals(new ExperimentChanges(null, null, null, null, null, null, null, SettingsChanges.NONE, null, null,
				null, null, null));
	}

	private static String editorUrl(JsonFields body) {
		String url = body.text("url", PageRules.MAX_URL_LENGTH);
		if (url == null) {
			return null;
		}
		if (url.isBlank() || url.strip().codePoints().anyMatch((c) -> Character.isWhitespace(c) || c < 0x20)) {
			throw body.bad("url", "must be one address without spaces");
		}
		if (url.contains("*")) {
			throw body.bad("url", "is the editor URL, one concrete page: it must not contain '*'; "
					+ "put patterns in 'page_urls' (rule 'contain' or 'regex')");
		}
		if (!PageRules.isWebAddress(url.strip())) {
			throw body.bad("url", "must be an http:// or https:// address, or a path starting with '/'");
		}
		return url.strip();
	}

	private static List<VariantDraft> variants(JsonFields body) {
		List<JsonNode> entries = body.array("variants", MAX_VARIANTS);
		if (entries == null) {
			return null;
		}
		if (entries.isEmpty()) {
			throw body.bad("variants", "must list at least one treatment (Control is added)");
		}
		List<VariantDraft> variants = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			variants.add(VariantDraft.read(JsonFields.element(entries.get(i), "variants[" + i + "]"), i + 1));
		}
		return variants;
	}

	private static List<Double> weights(JsonFields body) {
		JsonFields configuration = body.object("configuration");
		if (configuration == null || !configuration.has("weights")) {
			return null;
		}
		List<Double> weights = new ArrayList<>();
		for (JsonNode weight : configuration.array("weights", MAX_VARIANTS + 1)) {
			if (!weight.isNumber() || !(weight.doubleValue() >= 0) || weight.doubleValue() > MAX_WEIGHT) {
				throw configuration.bad("weights",
						"must hold one number from 0 to " + (long) MAX_WEIGHT + " per arm, Control first");
			}
			weights.add(weight.doubleValue());
		}
		if (weights.isEmpty()) {
			throw configuration.bad("weights", "must have one number per arm, Control first");
		}
		if (weights.stream().allMatch((weight) -> weight == 0)) {
			throw configuration.bad("weights", "must not all be 0: at least one arm needs traffic");
		}
		return weights;
	}

	private static String hashSeed(JsonFields body) {
		String seed = body.text("hash_seed", SplitRule.MAX_SEED_LENGTH);
		if (seed != null && (seed.isBlank() || seed.codePoints().anyMatch(Character::isISOControl))) {
			throw body.bad("hash_seed", "must be 1 to " + SplitRule.MAX_SEED_LENGTH
					+ " characters, not blank and without control characters");
		}
		return seed;
	}

	private static Targeting targeting(JsonFields body) {
		JsonFields targeting = body.object("targeting");
		return (targeting != null) ? TargetingDraft.read(targeting) : null;
	}

	private static String goalKey(JsonFields body, String field) {
		String key = body.text(field, Slugs.MAX_LENGTH);
		if (key != null && key.isBlank()) {
			throw body.bad(field, "must not be blank");
		}
		return key;
	}

	/** Checks that the weights, if sent, give one number to each of this many arms. */
	void requireWeightsFor(int arms) {
		if (this.weights != null && this.weights.size() != arms) {
			throw new InvalidInput("'configuration.weights' must have " + arms
					+ " numbers, one per arm with Control first; it has " + this.weights.size());
		}
	}

}
