package dev.uplift.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.uplift.experiment.ExclusionGroupSnapshot;
import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.GoalSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.PageRule;
import dev.uplift.experiment.ExperimentSnapshot.VariantSnapshot;

/**
 * What the browser script reads of a project (client-config.md): the body, serialised
 * deterministically, and its strong ETag.
 *
 * @param body the JSON body as sent
 * @param etag {@code "} + the first 32 hex digits of SHA-256 of the body + {@code "}
 */
record ClientConfig(byte[] body, String etag) {

	private static final JsonMapper json = JsonMapper.shared();

	/**
	 * The configuration of these experiments, listed by test id whatever order they come
	 * in, and of the exclusion groups that hold any of them, by group id, for visitors of
	 * one country (an upper-case ISO code, or null when unknown), which it names only
	 * when an experiment targets countries: other bodies are the same everywhere.
	 */
	static ClientConfig of(String projectKey, boolean consentRequired, List<ExperimentSnapshot> experiments,
			List<ExclusionGroupSnapshot> exclusionGroups, String country) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("success", true);
		body.put("project_key", projectKey);
		body.put("consent_required", consentRequired);
		if (targetsCountries(experiments)) {
			body.put("country", country);
		}
		body.put("experiments",
				experiments.stream()
					.sorted(Comparator.comparingLong(ExperimentSnapshot::testId))
					.map(ClientConfig::experiment)
					.toList());
		body.put("exclusion_groups", exclusionGroups(experiments, exclusionGroups));
		byte[] bytes = json.writeValueAsBytes(body);
		return new ClientConfig(bytes, "\"" + sha256(bytes).substring(0, 32) + "\"");
	}

	/**
	 * Whether one of these experiments has an {@code allowed_country} rule, which the
	 * script needs the country for.
	 */
	static boolean targetsCountries(List<ExperimentSnapshot> experiments) {
		return experiments.stream().anyMatch((experiment) -> experiment.targeting().hasCountryRule());
	}

	/**
	 * Whether an {@code If-None-Match} header names this configuration: one of its
	 * comma-separated tags equals this one (a weak {@code W/} tag too, as RFC 9110
	 * compares for GET), or it is {@code *}.
	 */
	boolean matches(String ifNoneMatch) {
		if (ifNoneMatch == null) {
			return false;
		}
		for (String tag : ifNoneMatch.split(",")) {
			String candidate = tag.strip();
			if (candidate.equals("*") || candidate.equals(this.etag) || candidate.equals("W/" + this.etag)) {
				return true;
			}
		}
		return false;
	}

	private static Map<String, Object> experiment(ExperimentSnapshot experiment) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("test_id", experiment.testId());
		view.put("experiment_key", experiment.experimentKey());
		view.put("status", experiment.status().label());
		view.put("hash_seed", experiment.hashSeed());
		view.put("hash_version", experiment.hashVersion());
		view.put("traffic_allocation", number(experiment.trafficAllocation()));
		view.put("page_urls", pageUrls(experiment));
		view.put("custom_js", text(experiment.customJs()));
		view.put("custom_css", text(experiment.customCss()));
		view.put("variants", experiment.variants().stream().map(ClientConfig::variant).toList());
		view.put("goals", experiment.goals().stream().map(ClientConfig::goal).toList());
		if (!experiment.targeting().isEmpty()) {
			view.put("targeting", experiment.targeting().rules());
		}
		return view;
	}

	// A group's whole membership decides its slices, so a listed member brings every
	// other member's share.
	private static List<Map<String, Object>> exclusionGroups(List<ExperimentSnapshot> experiments,
			List<ExclusionGroupSnapshot> groups) {
		Set<Long> listed = experiments.stream().map(ExperimentSnapshot::testId).collect(Collectors.toSet());
		return groups.stream()
			.filter((group) -> group.testIds().stream().anyMatch(listed::contains))
			.sorted(Comparator.comparingLong(ExclusionGroupSnapshot::groupId))
			.map((group) -> {
				Map<String, Object> view = new LinkedHashMap<>();
				view.put("group_id", group.groupId());
				view.put("test_ids", group.testIds());
				view.put("percents", Arrays.stream(group.percents()).mapToObj(ClientConfig::number).toList());
				return view;
			})
			.toList();
	}

	// Without page_urls the editor URL is the one page, written in the full form the
	// script reads.
	private static List<Map<String, Object>> pageUrls(ExperimentSnapshot experiment) {
		List<PageRule> rules = new ArrayList<>(experiment.pageRules());
		if (rules.isEmpty() && experiment.url() != null) {
			rules.add(new PageRule(experiment.url(), "simple", true));
		}
		return rules.stream().map((rule) -> {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("url", rule.url());
			view.put("rule", rule.rule());
			view.put("allowed", rule.allowed());
			return view;
		}).toList();
	}

	private static Map<String, Object> variant(VariantSnapshot variant) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("variant_id", Integer.toString(variant.index()));
		view.put("name", variant.name());
		view.put("nickname", variant.nickname());
		view.put("weight", number(variant.weight()));
		view.put("css", text(variant.customCss()));
		view.put("js", text(variant.customJs()));
		view.put("data", changes(variant.data()));
		return view;
	}

	private static Map<String, Object> goal(GoalSnapshot goal) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("goal_key", goal.goalKey());
		view.put("goal_type", goal.goalType());
		view.put("goal_value", goal.goalValue());
		return view;
	}

	// The visual editor's changes are stored as checked JSON array text; anything else
	// sends no change.
	private static JsonNode changes(String data) {
		try {
			JsonNode changes = (data != null) ? json.readTree(data) : null;
			return (changes != null && changes.isArray()) ? changes : json.createArrayNode();
		}
		catch (JacksonException ex) {
			return json.createArrayNode();
		}
	}

	// Whole numbers as integers (100, not 100.0), so the body reads as the configuration
	// was written.
	private static Object number(double value) {
		return (value == Math.rint(value) && Math.abs(value) < 1e15) ? (Object) (long) value : (Object) value;
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
