package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.uplift.experiment.ExperimentSnapshot.PageRule;
import dev.uplift.error.InvalidInput;

/**
 * The pages an experiment runs on ({@code page_urls}, docs/mida-v2-api.md §4.2):
 * inclusions and exclusions, each matched by one rule; exclusions win over inclusions.
 */
record PageRules(List<PageRule> rules) {

	static final PageRules NONE = new PageRules(List.of());

	static final int MAX_RULES = 50;

	static final int MAX_URL_LENGTH = 2000;

	static final Set<String> RULES = Set.of("simple", "exact", "contain", "regex");

	private static final TypeReference<List<PageRule>> STORED = new TypeReference<>() {
	};

	// An absolute http(s) address with a host, or a path on the site itself; never
	// javascript:, data: or a protocol-relative //host, which preview links would hand to
	// a browser as they are.
	private static final Pattern WEB_ADDRESS = Pattern.compile("(?i)https?://[^/?#\\s]+([/?#].*)?|/(?![/\\\\]).*");

	PageRules {
		rules = List.copyOf(rules);
		if (!rules.isEmpty() && rules.stream().noneMatch(PageRule::allowed)) {
			throw new InvalidInput("'page_urls' must allow at least one page: every entry has \"allowed\": false");
		}
	}

	/**
	 * Reads and checks the {@code page_urls} entries of a request, each a string or an
	 * object.
	 */
	static PageRules read(List<JsonNode> entries) {
		if (entries.size() > MAX_RULES) {
			throw new InvalidInput("'page_urls' must have at most " + MAX_RULES + " entries");
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
			throw new InvalidInput(
					"'" + name + "' must be a non-blank address of at most " + MAX_URL_LENGTH + " characters");
		}
		if (!RULES.contains(rule)) {
			throw new InvalidInput(
					"'" + name + "' has rule '" + rule + "'; the rule must be one of simple, exact, contain, regex");
		}
		if (!rule.equals("regex") && url.contains("*")) {
			throw new InvalidInput("'" + name + "' contains '*', which rule '" + rule
					+ "' takes literally so it never matches; use rule 'contain' with the fixed part of the "
					+ "address (or rule 'regex')");
		}
		if (rule.equals("regex")) {
			compile(name, url);
		}
		return new PageRule(url.strip(), rule, allowed);
	}

	/**
	 * Whether the page at this address is in the experiment, as the browser script
	 * decides it: an empty list takes every page, an exclusion that matches wins, and an
	 * address a browser cannot parse matches no rule.
	 */
	boolean matches(String url) {
		if (this.rules.isEmpty()) {
			return true;
		}
		Optional<PageAddress> page = PageAddress.parse(url);
		if (page.isEmpty()) {
			return false;
		}
		boolean included = this.rules.stream().anyMatch((rule) -> rule.allowed() && matches(rule, page.get()));
		return included && this.rules.stream().noneMatch((rule) -> !rule.allowed() && matches(rule, page.get()));
	}

	/**
	 * Checks that the editor URL, when there is one, is a page these rules include
	 * (docs/mida-v2-api.md §4.2).
	 */
	void requireCovers(String url) {
		if (url != null && !covers(url)) {
			throw new InvalidInput(
					"'url' (the editor URL) must be a page that 'page_urls' includes, and " + url + " is not");
		}
	}

	/**
	 * Whether these rules take the page at this address, an address or a path; a path
	 * stands for that path on the site, which only rules naming no host can take.
	 */
	boolean covers(String url) {
		String page = (url.startsWith("/") && !url.startsWith("//")) ? "https://site.invalid" + url : url;
		return isEmpty() || matches(page);
	}

	/**
	 * The pages the script runs the experiment on: these rules, or the editor URL as the
	 * one page when there are none (docs/client-config.md, {@code page_urls}).
	 */
	PageRules orPage(String url) {
		return (isEmpty() && url != null) ? new PageRules(List.of(new PageRule(url, "simple", true))) : this;
	}

	/**
	 * Whether the address is one a browser opens as a web page: http(s) with a host, or a
	 * path.
	 */
	static boolean isWebAddress(String url) {
		return WEB_ADDRESS.matcher(url).matches();
	}

	/**
	 * The first included plain address (rule simple or exact), the editor URL when none
	 * is given.
	 */
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

	private static boolean matches(PageRule rule, PageAddress page) {
		String address = page.href();
		return switch (rule.rule()) {
			case "exact" -> address.equals(rule.url());
			case "contain" -> !rule.url().isEmpty() && address.contains(rule.url());
			case "regex" -> compile("page_urls", rule.url()).matcher(address).find();
			default -> !rule.url().isEmpty() && simpleMatches(rule.url(), page);
		};
	}

	// Rule 'simple': the same host but for "www." (any host for a path), the same path
	// but for trailing slashes, and every query parameter the rule names with the same
	// value on the page.
	private static boolean simpleMatches(String rule, PageAddress page) {
		Optional<PageAddress> target = PageAddress.ofRule(rule, page);
		if (target.isEmpty()) {
			return false;
		}
		if (!rule.startsWith("/") && !bareHost(target.get().host()).equals(bareHost(page.host()))) {
			return false;
		}
		if (!trimSlashes(target.get().path()).equals(trimSlashes(page.path()))) {
			return false;
		}
		return target.get()
			.query()
			.stream()
			.allMatch((field) -> page.parameter(field.name()).filter(field.value()::equals).isPresent());
	}

	private static String bareHost(String host) {
		return host.startsWith("www.") ? host.substring(4) : host;
	}

	private static String trimSlashes(String path) {
		int end = path.length();
		while (end > 0 && path.charAt(end - 1) == '/') {
			end--;
		}
		return path.substring(0, end);
	}

	private static Pattern compile(String name, String regex) {
		try {
			return Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new InvalidInput("'" + name + "' is not a valid regular expression: " + ex.getDescription());
		}
	}

}
