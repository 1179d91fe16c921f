package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.uplift.experiment.ExperimentSnapshot.PageRule;
import dev.uplift.web.ApiException;

/**
 * The pages an experiment runs on ({@code page_urls}, digest §4.2): inclusions and exclusions, each
 * matched by one rule; exclusions win over inclusions.
 */
record PageRules(List<PageRule> rules) {

	static final PageRules NONE = new PageRules(List.of());

	static final int MAX_RULES = 50;

	static final int MAX_URL_LENGTH = 2000;

	static final Set<String> RULES = Set.of("simple", "exact", "contain", "regex");

	private static final TypeReference<List<PageRule>> STORED = new TypeReference<>() {
	};

	// An absolute http(s) address with a host, or a path on the site itself; never javascript:, data:
	// or a protocol-relative //host, which preview links would hand to a browser as they are.
	private static final Pattern WEB_ADDRESS = Pattern.compile("(?i)https?://[^/?#\\s]+([/?#].*)?|/(?![/\\\\]).*");

	PageRules {
		rules = List.copyOf(rules);
		if (!rules.isEmpty() && rules.stream().noneMatch(PageRule::allowed)) {
			throw new ApiException.BadRequest(
					"'page_urls' must allow at least one page: every entry has \"allowed\": false");
		}
	}

	/** Reads and checks the {@code page_urls} entries of a request, each a string or an object. */
	static PageRules read(List<JsonNode> entries) {
		if (entries.size() > MAX_RULES) {
			throw new ApiException.BadRequest("'page_urls' must have at most " + MAX_RULES + " entries");
		}
		List<PageRule> rules = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			rules.add(readRule(entries.get(i), "page_urls[" + i + "]"));
		}
		return new PageRules(rules);
	}

	private static PageRule readRule(JsonNode entry, String name) {
		if (entry.isString()) {
			return checked(name, entry.stringValue(), "simple", true);
		}
		JsonFields fields = JsonFields.element(entry, name);
		String rule = fields.has("rule") ? fields.text("rule", 16) : "simple";
		Boolean allowed = fields.flag("allowed");
		return checked(name + ".url", fields.requiredText("url", MAX_URL_LENGTH), rule, allowed == null || allowed);
	}

	private static PageRule checked(String name, String url, String rule, boolean allowed) {
		if (url.isBlank() || url.length() > MAX_URL_LENGTH) {
			throw new ApiException.BadRequest("'" + name + "' must be a non-blank address of at most "
					+ MAX_URL_LENGTH + " characters");
		}
		if (!RULES.contains(rule)) {
			throw new ApiException.BadRequest("'" + name + "' has rule '" + rule
					+ "'; the rule must be one of simple, exact, contain, regex");
		}
		if (!rule.equals("regex") && url.contains("*")) {
			throw new ApiException.BadRequest("'" + name + "' contains '*', which rule '" + rule
					+ "' takes literally so it never matches; use rule 'contain' with the fixed part of the "
					+ "address (or rule 'regex')");
		}
		if (rule.equals("regex")) {
			compile(name, url);
		}
		return new PageRule(url.strip(), rule, allowed);
	}

	/** Whether the page at this address is in the experiment. */
	boolean matches(String url) {
		boolean included = this.rules.stream().anyMatch((rule) -> rule.allowed() && matches(rule, url));
		return included && this.rules.stream().noneMatch((rule) -> !rule.allowed() && matches(rule, url));
	}

	/** Checks that the editor URL, when there is one, is a page these rules include (digest §4.2). */
	void requireCovers(String url) {
		if (url != null && !isEmpty() && !matches(url)) {
			throw new ApiException.BadRequest(
					"'url' (the editor URL) must be a page that 'page_urls' includes, and " + url + " is not");
		}
	}

	/** Whether the address is one a browser opens as a web page: http(s) with a host, or a path. */
	static boolean isWebAddress(String url) {
		return WEB_ADDRESS.matcher(url).matches();
	}

	/** The first included plain address (rule simple or exact), the editor URL when none is given. */
	String firstPlainAddress() {
		return this.rules.stream()
			.filter((rule) -> rule.allowed() && (rule.rule().equals("simple") || rule.rule().equals("exact")))
			.map(PageRule::url)
			.filter(PageRules::isWebAddress)
			.findFirst()
			.orElse(null);
	}

	boolean isEmpty() {
		return this.rules.isEmpty();
	}

	String toJson() {
		return JsonMapper.shared().writeValueAsString(this.rules);
	}

	static PageRules fromJson(String json) {
		return (json == null || json.isBlank()) ? NONE : new PageRules(JsonMapper.shared().readValue(json, STORED));
	}

	private static boolean matches(PageRule rule, String url) {
		return switch (rule.rule()) {
			case "exact" -> url.equals(rule.url());
			case "contain" -> url.contains(rule.url());
			case "regex" -> compile("page_urls", rule.url()).matcher(url).find();
			default -> simplified(url).equals(simplified(rule.url()));
		};
	}

	// Rule 'simple' ignores the scheme, "www.", the query, the fragment and a trailing slash.
	private static String simplified(String url) {
		String page = url.strip().toLowerCase(Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.-]*://", "");
		page = page.replaceFirst("^www\\.", "").replaceFirst("[?#].*$", "");
		return page.endsWith("/") ? page.substring(0, page.length() - 1) : page;
	}

	private static Pattern compile(String name, String regex) {
		try {
			return Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new ApiException.BadRequest(
					"'" + name + "' is not a valid regular expression: " + ex.getDescription());
		}
	}

}
