package dev.uplift.experiment;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a treatment of a split-URL test sends its visitors: the first entry of its
 * changes, {@code variants[].data[0] = {url, relay_param?}} (docs/mida-v2-api.md §3.3),
 * checked when written by {@link ArmChanges}.
 *
 * @param url an http(s) address, or a path on the site the visitor is on
 * @param relayParam whether the visitor's query parameters and fragment go along
 */
public record Redirect(String url, boolean relayParam) {

	private static final Pattern ORIGIN = Pattern.compile("(?i)(https?://[^/?#]+).*");

	/**
	 * The redirect of an arm with these stored changes: a treatment's of a split-URL
	 * test, never Control's nor an A/B test's.
	 */
	static Optional<Redirect> of(TestType type, int index, String data) {
		if (type != TestType.SPLIT || index == 0 || data == null) {
			return Optional.empty();
		}
		try {
			JsonNode first = JsonMapper.shared().readTree(data).path(0);
			JsonNode url = first.path("url");
			JsonNode relay = first.path("relay_param");
			boolean relayParam = relay.isBoolean() ? relay.booleanValue() : relay.isNumber() && relay.intValue() == 1;
			return url.isString() ? Optional.of(new Redirect(url.stringValue(), relayParam)) : Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	/**
	 * This redirect's address as seen from a page: a path is on the page's site, when the
	 * page is a full address.
	 */
	String from(String page) {
		Matcher origin = ORIGIN.matcher((page != null) ? page : "");
		return (this.url.startsWith("/") && origin.matches()) ? origin.group(1) + this.url : this.url;
	}

}
