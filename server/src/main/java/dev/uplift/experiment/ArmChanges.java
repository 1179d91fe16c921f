package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules that an experiment's arms keep with the experiment as a whole (docs/api.md
 * §3): a split-URL test's treatments are each a redirect to a page the experiment does
 * not run on, and Control none; an A/B test has no redirect; a change for one page
 * ({@code sitewide: false}) names a page the experiment runs on. Otherwise the script
 * would run the experiment other than it was sent, and nothing would say so.
 */
final class ArmChanges {

	// The keys that make an entry a DOM change of docs/mida-v2-api.md §3.3; an object
	// with 'url' and none of them is a redirect.
	private static final List<String> ELEMENT_KEYS = List.of("target", "rm", "refEl", "oriEl");

	private ArmChanges() {
	}

	/**
	 * Checks the arms, Control first, of an experiment of this type that runs on these
	 * pages; a fault is a 400 naming the request field ({@code variants[0].data[0].url}).
	 */
	static void check(TestType type, PageRules pages, List<Variant> arms) {
		for (Variant arm : arms) {
			String path = (arm.index() == 0) ? "control" : "variants[" + (arm.index() - 1) + "]";
			List<JsonNode> changes = changes(arm);
			if (type == TestType.SPLIT && arm.index() > 0) {
				checkRedirect(path, arm, changes, pages);
				continue;
			}
			for (int i = 0; i < changes.size(); i++) {
				String entry = path + ".data[" + i + "]";
				if (isRedirect(changes.get(i))) {
					throw ExperimentRequest.bad(entry, (type == TestType.SPLIT)
							? "is a redirect, and Control is never redirected: it is the experiment's own page"
							: "is a split-URL redirect ({url, relay_param}), which only a split-URL test follows: "
									+ "send \"test_type\": \"split\"");
				}
				checkPageOfChange(entry, changes.get(i), pages);
			}
		}
	}

	private static void checkRedirect(String path, Variant arm, List<JsonNode> changes, PageRules pages) {
		String field = path + ".data[0].url";
		if (changes.isEmpty() || !changes.get(0).isObject() || !changes.get(0).hasNonNull("url")) {
			throw ExperimentRequest.bad(field, "is required: a split-URL test sends each treatment's visitors to the "
					+ "address in its data[0], {\"url\": ..., \"relay_param\": true|false}");
		}
		JsonFields redirect = JsonFields.element(changes.get(0), path + ".data[0]");
		String url = redirect.text("url", PageRules.MAX_URL_LENGTH);
		if (!isAddress(url)) {
			throw ExperimentRequest.bad(field,
					"must be an http:// or https:// address, or a path starting with '/' on the site, without spaces");
		}
		redirect.flag("relay_param");
		if (changes.size() > 1) {
			throw ExperimentRequest.bad(path + ".data[1]", "cannot be applied: a split-URL treatment is another page, "
					+ "so its data holds only the redirect; change that page itself");
		}
		refuseCode(path + ".customCSS", arm.customCss());
		refuseCode(path + ".customJS", arm.customJs());
		if (pages.covers(url)) {
			throw ExperimentRequest.bad(field,
					"is a page the experiment runs on ('page_urls'): visitors who land "
							+ "there would enter it and be counted, Control's too; leave it out, or exclude it with "
							+ "{\"url\": ..., \"allowed\": false}");
		}
	}

	private static void refuseCode(String field, String code) {
		if (code != null && !code.isBlank()) {
			throw ExperimentRequest.bad(field, "would never run: a split-URL treatment's visitors leave for its "
					+ "page; put the code in that page, or in 'custom_js' / 'custom_css' for every arm");
		}
	}

	// sitewide: false with pageUrl limits a change to that page (origin and path).
	private static void checkPageOfChange(String entry, JsonNode change, PageRules pages) {
		if (!change.isObject() || !change.hasNonNull("sitewide")) {
			return;
		}
		if (!change.get("sitewide").isBoolean()) {
			throw ExperimentRequest.bad(entry + ".sitewide", "must be true or false");
		}
		if (change.get("sitewide").booleanValue()) {
			return;
		}
		JsonNode page = change.get("pageUrl");
		if (page == null || !page.isString() || !isAddress(page.stringValue())) {
			throw ExperimentRequest.bad(entry + ".pageUrl", "must be the one page this change is for, an http(s) "
					+ "address or a path starting with '/': with \"sitewide\": false it applies only there");
		}
		if (!pages.covers(page.stringValue())) {
			throw ExperimentRequest.bad(entry + ".pageUrl",
					"is not a page the experiment runs on ('page_urls'), so the change would never be applied");
		}
	}

	private static boolean isRedirect(JsonNode change) {
		return change.isObject() && change.has("url") && ELEMENT_KEYS.stream().noneMatch(change::has);
	}

	private static boolean isAddress(String url) {
		return url.length() <= PageRules.MAX_URL_LENGTH && !url.isBlank()
				&& url.codePoints().noneMatch((c) -> Character.isWhitespace(c) || Character.isISOControl(c))
				&& PageRules.isWebAddress(url);
	}

	// Arms are written as checked JSON arrays; anything else holds no change, as the
	// script reads it.
	private static List<JsonNode> changes(Variant arm) {
		try {
			JsonNode data = JsonMapper.shared().readTree((arm.data() != null) ? arm.data() : "[]");
			return data.isArray() ? new ArrayList<>(data.values()) : List.of();
		}
		catch (JacksonException ex) {
			return List.of();
		}
	}

}
