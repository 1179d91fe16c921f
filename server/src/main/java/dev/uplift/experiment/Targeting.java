package dev.uplift.experiment;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An experiment's audience ({@code targeting}, docs/mida-v2-api.md §3.5): the checked
 * rules in their canonical form, as stored, shown in details and sent to the browser
 * script. The server itself decides only the rules it can know of a visitor: the country
 * and new or returning.
 */
public final class Targeting {

	/** No rule: every visitor is in the audience. */
	public static final Targeting NONE = new Targeting(JsonMapper.shared().createObjectNode());

	private static final JsonMapper json = JsonMapper.shared();

	private final ObjectNode rules;

	Targeting(ObjectNode rules) {
		this.rules = rules.deepCopy();
	}

	/** The rules stored as JSON text; null or blank text is no rule. */
	static Targeting fromJson(String text) {
		if (text == null || text.isBlank()) {
			return NONE;
		}
		JsonNode rules = json.readTree(text);
		return rules.isObject() ? new Targeting((ObjectNode) rules) : NONE;
	}

	/** The JSON text to store, or null when there is no rule. */
	String toJson() {
		return isEmpty() ? null : json.writeValueAsString(this.rules);
	}

	/** A copy of the rules, keyed by their request names; empty when there is none. */
	public JsonNode rules() {
		return this.rules.deepCopy();
	}

	public boolean isEmpty() {
		return this.rules.isEmpty();
	}

	/** Whether an {@code allowed_country} rule limits the audience. */
	public boolean hasCountryRule() {
		return this.rules.has(TargetingDraft.COUNTRY);
	}

	/**
	 * Whether a visitor from this country (an upper-case ISO code, or null when unknown)
	 * is in the audience: not blacklisted, and whitelisted when any country is.
	 */
	public boolean allowsCountry(String country) {
		boolean whitelisted = false;
		boolean anyWhitelist = false;
		for (JsonNode entry : this.rules.path(TargetingDraft.COUNTRY)) {
			boolean same = entry.path("code").stringValue("").equals(country);
			if (entry.path("rule").stringValue("").equals("blacklist")) {
				if (same) {
					return false;
				}
			}
			else {
				anyWhitelist = true;
				whitelisted |= same;
			}
		}
		return !anyWhitelist || whitelisted;
	}

	/**
	 * Whether a new (or else returning) visitor is in the audience of the
	 * {@code user_rule}.
	 */
	public boolean allowsVisitor(boolean newVisitor) {
		String rule = this.rules.path(TargetingDraft.USER).stringValue("");
		return rule.isEmpty() || rule.equals(newVisitor ? "new" : "returning");
	}

	/** Whether a {@code user_rule} limits the audience. */
	public boolean hasUserRule() {
		return this.rules.has(TargetingDraft.USER);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Targeting targeting && targeting.rules.equals(this.rules);
	}

	@Override
	public int hashCode() {
		return this.rules.hashCode();
	}

	@Override
	public String toString() {
		return this.rules.toString();
	}

}
