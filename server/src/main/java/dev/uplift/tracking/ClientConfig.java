package dev.uplift.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

import dev.uplift.experiment.ExclusionGroupSnapshot;
import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.PageRule;
import dev.uplift.experiment.ExperimentSnapshot.VariantSnapshot;
import dev.uplift.experiment.TestType;
import dev.uplift.web.ApiNumber;

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
		Body body = new Body(true, projectKey, consentRequired,
				targetsCountries(experiments) ? Optional.ofNullable(country) : null,
				experiments.stream()
					.sorted(Comparator.comparingLong(ExperimentSnapshot::testId))
					.map(ClientExperiment::of)
					.toList(),
				exclusionGroups(experiments, exclusionGroups));
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

	// A group's whole membership decides its slices, so a listed member brings every
	// other member's share.
	private static List<ClientGroup> exclusionGroups(List<ExperimentSnapshot> experiments,
			List<ExclusionGroupSnapshot> groups) {
		Set<Long> listed = experiments.stream().map(ExperimentSnapshot::testId).collect(Collectors.toSet());
		return groups.stream()
			.filter((group) -> group.testIds().stream().anyMatch(listed::contains))
			.sorted(Comparator.comparingLong(ExclusionGroupSnapshot::groupId))
			.map((group) -> new ClientGroup(group.groupId(), group.testIds(),
					Arrays.stream(group.percents()).mapToObj(ClientConfig::number).toList()))
			.toList();
	}

	// Without page_urls the editor URL is the one page, written in the full form the
	// script reads.
	private static List<PageRule> pagesOf(ExperimentSnapshot experiment) {
		List<PageRule> rules = new ArrayList<>(experiment.pageRules());
		if (rules.isEmpty() && experiment.url() != null) {
			rules.add(new PageRule(experiment.url(), "simple", true));
		}
		return rules;
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

	private static Number number(double value) {
		return ApiNumber.of(value);
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

	/**
	 * The body of {@code client-config} (docs/client-config.md).
	 *
	 * @param success always true
	 * @param projectKey the project
	 * @param consentRequired whether the script waits for consent
	 * @param country the visitor's country code (null when unknown), present only when an
	 * experiment targets countries
	 * @param experiments the live experiments, by test id
	 * @param exclusionGroups the groups that hold any of them, by group id
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record Body(boolean success, String projectKey, boolean consentRequired,
			@JsonInclude(JsonInclude.Include.NON_NULL) Optional<String> country, List<ClientExperiment> experiments,
			List<ClientGroup> exclusionGroups) {
	}

	/**
	 * A live experiment as the script runs it.
	 *
	 * @param testId the experiment
	 * @param experimentKey its key
	 * @param status its status label
	 * @param testType {@code split} for a split-URL test, absent for an A/B test
	 * @param hashSeed the seed of its assignment hash
	 * @param hashVersion the version of that hash
	 * @param trafficAllocation percent of visitors included
	 * @param pageUrls the pages it runs on
	 * @param customJs experiment-wide JavaScript, empty for none
	 * @param customCss experiment-wide CSS, empty for none
	 * @param variants its arms, Control first
	 * @param goals the goals the script records for it
	 * @param targeting its audience rules, absent when it has none
	 * @param serving the winner served instead of the split, absent when none is
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ClientExperiment(long testId, String experimentKey, String status,
			@JsonInclude(JsonInclude.Include.NON_NULL) String testType, String hashSeed, int hashVersion,
			Number trafficAllocation, List<PageRule> pageUrls, String customJs, String customCss,
			List<ClientVariant> variants, List<ClientGoal> goals,
			@JsonInclude(JsonInclude.Include.NON_NULL) JsonNode targeting,
			@JsonInclude(JsonInclude.Include.NON_NULL) ClientServing serving) {

		static ClientExperiment of(ExperimentSnapshot experiment) {
			return new ClientExperiment(experiment.testId(), experiment.experimentKey(), experiment.status().label(),
					(experiment.testType() != TestType.ABTEST) ? experiment.testType().code() : null,
					experiment.hashSeed(), experiment.hashVersion(), number(experiment.trafficAllocation()),
					pagesOf(experiment), text(experiment.customJs()), text(experiment.customCss()),
					experiment.variants().stream().map((variant) -> ClientVariant.of(experiment, variant)).toList(),
					experiment.goals()
						.stream()
						.map((goal) -> new ClientGoal(goal.goalKey(), goal.goalType(), goal.goalValue()))
						.toList(),
					experiment.targeting().isEmpty() ? null : experiment.targeting().rules(),
					experiment.isServing() ? new ClientServing(Integer.toString(experiment.serving().variant()),
							number(experiment.serving().rollout())) : null);
		}

	}

	/**
	 * One arm as the script applies it.
	 *
	 * @param variantId its index as a string
	 * @param name its fixed name
	 * @param nickname its label, or null
	 * @param weight its weight
	 * @param css its CSS, empty for none
	 * @param js its JavaScript, empty for none
	 * @param data its DOM changes
	 * @param redirect where a split-URL treatment sends its visitors, absent otherwise
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ClientVariant(String variantId, String name, String nickname, Number weight, String css, String js,
			JsonNode data, @JsonInclude(JsonInclude.Include.NON_NULL) ClientRedirect redirect) {

		static ClientVariant of(ExperimentSnapshot experiment, VariantSnapshot variant) {
			return new ClientVariant(Integer.toString(variant.index()), variant.name(), variant.nickname(),
					number(variant.weight()), text(variant.customCss()), text(variant.customJs()),
					changes(variant.data()),
					experiment.redirect(variant)
						.map((redirect) -> new ClientRedirect(redirect.url(), redirect.relayParam()))
						.orElse(null));
		}

	}

	/**
	 * A split-URL treatment's page (docs/client-config.md).
	 *
	 * @param url an http(s) address, or a path on the visitor's site
	 * @param relayParam whether the page's query parameters and fragment go along
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ClientRedirect(String url, boolean relayParam) {
	}

	/**
	 * A winner served to a share of the experiment's eligible visitors
	 * (docs/client-config.md): the visitors whose rollout hash falls below
	 * {@code rollout / 100} get this arm, the others the page as it is.
	 *
	 * @param variantId the arm served
	 * @param rollout percent of eligible visitors who get it
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ClientServing(String variantId, Number rollout) {
	}

	/**
	 * A goal the script records.
	 *
	 * @param goalKey its key
	 * @param goalType its type
	 * @param goalValue the value it matches
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ClientGoal(String goalKey, String goalType, String goalValue) {
	}

	/**
	 * An exclusion group's split.
	 *
	 * @param groupId the group
	 * @param testIds its experiments, in member order
	 * @param percents their shares, in the same order
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ClientGroup(long groupId, List<Long> testIds, List<Number> percents) {
	}

}
