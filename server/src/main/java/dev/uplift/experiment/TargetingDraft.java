package dev.uplift.experiment;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and checks a request's {@code targeting} object (docs/mida-v2-api.md §3.5,
 * docs/snippet.md): every key and value, with a 400 naming the field of the first fault,
 * into {@link Targeting}'s canonical form (snake_case, documented spellings, empty lists
 * dropped as "no restriction").
 */
final class TargetingDraft {

	static final String COUNTRY = "allowed_country";

	static final String USER = "user_rule";

	private static final Map<String, List<String>> CHOICES = Map.of("device_rule",
			List.of("desktop", "mobile", "tablet"), "browser_rule",
			List.of("chrome", "safari", "firefox", "edge", "ie", "opera"), "os_rule",
			List.of("windows", "macOS", "linux", "chromeOS", "ios", "android"));

	// Mida's rules that need data Uplift does not have (regions, cities, segments,
	// events, GA4) or a split URL.
	private static final Set<String> UNSUPPORTED = Set.of("referral_rule", "allowed_region", "allowed_city",
			"segment_rule", "event_rule", "ga4_rule", "url_rule");

	// The canonical order, so that the same rules always serialise the same
	// (client-config's ETag).
	private static final List<String> KNOWN = List.of(COUNTRY, "device_rule", "browser_rule", "os_rule", USER,
			"browser_language_rule", "parameter_rule", "cookie_rule", "schedule_rule", "scheduleRule");

	private static final List<String> DAYS = List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
			"saturday");

	private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Za-z]{2}");

	private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

	private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d|24:00");

	private static final int MAX_ENTRIES = 300;

	private static final int MAX_GROUPS = 20;

	private TargetingDraft() {
	}

	/**
	 * The checked rules of a {@code targeting} object, in the order of {@link #KNOWN},
	 * whatever the request's.
	 */
	static Targeting read(JsonFields targeting) {
		for (String key : targeting.names()) {
			if (!KNOWN.contains(key) && !UNSUPPORTED.contains(key)) {
				throw targeting.bad(key, "is not a targeting rule (docs/snippet.md lists them)");
			}
			if (UNSUPPORTED.contains(key) && !isEmpty(targeting.raw(key))) {
				throw targeting.bad(key, "is not supported by Uplift");
			}
		}
		ObjectNode rules = JsonMapper.shared().createObjectNode();
		for (String key : KNOWN) {
			if (isEmpty(targeting.raw(key))) {
				continue;
			}
			switch (key) {
				case COUNTRY -> rules.set(key, countries(targeting, key));
				case USER -> rules.put(key, userRule(targeting));
				case "browser_language_rule" -> rules.set(key, languages(targeting));
				case "parameter_rule", "cookie_rule" -> rules.set(key, TargetingConditions.read(targeting, key));
				case "schedule_rule", "scheduleRule" -> rules.set("schedule_rule", schedule(targeting, key));
				default -> rules.set(key, choices(targeting, key));
			}
		}
		return new Targeting(rules);
	}

	// An empty rule restricts nothing (Mida: "an empty array means all").
	private static boolean isEmpty(JsonNode value) {
		return value == null || ((value.isArray() || value.isObject()) && value.isEmpty())
				|| (value.isString() && value.stringValue().isEmpty());
	}

	private static ArrayNode countries(JsonFields targeting, String key) {
		ArrayNode countries = JsonMapper.shared().createArrayNode();
		List<JsonNode> entries = targeting.array(key, MAX_ENTRIES);
		for (int i = 0; i < entries.size(); i++) {
			JsonFields entry = JsonFields.element(entries.get(i), targeting.name(key) + "[" + i + "]");
			String code = entry.text("code", 2);
			if (code == null || !COUNTRY_CODE.matcher(code).matches()) {
				throw entry.bad("code", "must be an ISO 3166 two-letter country code");
			}
			String rule = entry.has("rule") ? entry.text("rule", 20) : "whitelist";
			if (!rule.equals("whitelist") && !rule.equals("blacklist")) {
				throw entry.bad("rule", "must be 'whitelist' or 'blacklist'");
			}
			ObjectNode country = countries.addObject();
			String name = entry.text("name", 200);
			if (name != null) {
				country.put("name", name);
			}
			country.put("code", code.toUpperCase(Locale.ROOT));
			country.put("rule", rule);
		}
		return countries;
	}

	private static ArrayNode choices(JsonFields targeting, String key) {
		List<String> allowed = CHOICES.get(key);
		Set<String> chosen = new LinkedHashSet<>();
		for (String value : targeting.texts(key, allowed.size() * 2, 20)) {
			String choice = allowed.stream()
				.filter((name) -> name.equalsIgnoreCase(value))
				.findFirst()
				.orElseThrow(() -> targeting.bad(key, "must hold only " + String.join(", ", allowed)));
			chosen.add(choice);
		}
		ArrayNode values = JsonMapper.shared().createArrayNode();
		chosen.forEach(values::add);
		return values;
	}

	private static String userRule(JsonFields targeting) {
		String rule = targeting.text(USER, 20);
		if (!"new".equals(rule) && !"returning".equals(rule)) {
			throw targeting.bad(USER, "must be 'new' or 'returning'");
		}
		return rule;
	}

	private static ArrayNode languages(JsonFields targeting) {
		ArrayNode languages = JsonMapper.shared().createArrayNode();
		for (String language : targeting.texts("browser_language_rule", MAX_ENTRIES, 35)) {
			if (!LANGUAGE.matcher(language).matches()) {
				throw targeting.bad("browser_language_rule", "must hold language codes such as 'en' or 'pt-BR'");
			}
			languages.add(language.toLowerCase(Locale.ROOT));
		}
		return languages;
	}

	private static ObjectNode schedule(JsonFields targeting, String key) {
		JsonFields rule = targeting.object(key);
		String groupsField = rule.has("scheduleGroups") ? "scheduleGroups" : "schedule_groups";
		List<JsonNode> entries = rule.array(groupsField, MAX_GROUPS);
		if (entries == null || entries.isEmpty()) {
			throw rule.bad("schedule_groups", "must list at least one group of days and time ranges");
		}
		ObjectNode schedule = JsonMapper.shared().createObjectNode();
		ArrayNode groups = schedule.putArray("schedule_groups");
		for (int i = 0; i < entries.size(); i++) {
			JsonFields entry = JsonFields.element(entries.get(i), rule.name(groupsField) + "[" + i + "]");
			ObjectNode group = groups.addObject();
			group.set("days", days(entry));
			group.set("time_ranges", timeRanges(entry));
		}
		return schedule;
	}

	private static ArrayNode days(JsonFields group) {
		List<String> days = group.texts("days", DAYS.size() * 2, 20);
		if (days == null || days.isEmpty()) {
			throw group.bad("days", "must list at least one day, 'monday' to 'sunday'");
		}
		ArrayNode values = JsonMapper.shared().createArrayNode();
		for (String day : days) {
			String name = day.toLowerCase(Locale.ROOT);
			if (!DAYS.contains(name)) {
				throw group.bad("days", "must hold only 'monday' to 'sunday'");
			}
			values.add(name);
		}
		return values;
	}

	// No time range means the whole day; a range that ends before it starts runs
	// overnight into the next day.
	private static ArrayNode timeRanges(JsonFields group) {
		String field = group.has("timeRanges") ? "timeRanges" : "time_ranges";
		List<JsonNode> entries = group.array(field, MAX_GROUPS);
		ArrayNode ranges = JsonMapper.shared().createArrayNode();
		for (int i = 0; entries != null && i < entries.size(); i++) {
			JsonFields entry = JsonFields.element(entries.get(i), group.name(field) + "[" + i + "]");
			String start = time(entry, "start");
			String end = time(entry, "end");
			if (start.equals(end) || start.equals("24:00")) {
				throw entry.bad("end", "must differ from 'start' ('start' from 00:00 to 23:59, 'end' up to 24:00)");
			}
			ranges.addObject().put("start", start).put("end", end);
		}
		return ranges;
	}

	private static String time(JsonFields range, String field) {
		String time = range.text(field, 5);
		if (time == null || !TIME.matcher(time).matches()) {
			throw range.bad(field, "must be a time of day written HH:MM, e.g. '09:00'");
		}
		return time;
	}

}
