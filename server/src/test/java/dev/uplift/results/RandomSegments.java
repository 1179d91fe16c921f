package dev.uplift.results;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import dev.uplift.results.ResultOracle.Visit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Random visitor attributes and random segment requests ({@code filter_by},
 * {@code custom_filter}, {@code breakdown_by}, {@code min_count},
 * {@code timeframe_days}), each with the oracle's own reading of docs/api.md §2: which
 * visitors it keeps.
 */
final class RandomSegments {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Map<String, List<String>> VALUES = new LinkedHashMap<>();

	static {
		VALUES.put("device", List.of("mobile", "desktop", "tablet"));
		VALUES.put("browser", List.of("chrome", "safari", "Firefox", "edge"));
		VALUES.put("os", List.of("macOS", "windows", "ios", "android"));
		VALUES.put("country", List.of("US", "CA", "FR", "DE", "JP"));
		VALUES.put("source", List.of("direct", "paid", "search", "email"));
		VALUES.put("landing_page", List.of("/", "/pricing", "/blog/a-b", "/Blog/x"));
		VALUES.put("utm_source", List.of("google", "news", "Google"));
		VALUES.put("visitor_type", List.of("new", "returning"));
		VALUES.put("region", List.of("California", "Île-de-France", "Bavaria"));
		VALUES.put("city", List.of("San Francisco", "Paris", "paris", "München"));
	}

	// The digest's custom_filter has no region or city criteria.
	private static final List<String> CRITERIA = VALUES.keySet()
		.stream()
		.filter((name) -> !name.equals("region") && !name.equals("city"))
		.toList();

	private static final Map<String, String> BREAKDOWNS = Map.of("device", "device", "browser", "browser", "os", "os",
			"country", "country", "user_type", "visitor_type", "landing_page", "landing_page", "utm_source",
			"utm_source", "region", "region", "city", "city");

	private final Random random;

	private final ZoneId zone;

	RandomSegments(Random random, ZoneId zone) {
		this.random = random;
		this.zone = zone;
	}

	/** Attributes of an exposure, each absent now and then. */
	Map<String, String> attributes() {
		Map<String, String> attributes = new LinkedHashMap<>();
		VALUES.forEach((name, values) -> {
			if (this.random.nextInt(6) != 0) {
				attributes.put(name, pick(values));
			}
		});
		return attributes;
	}

	/** A random segment request and what it keeps. */
	Request request() {
		List<Predicate<Visit>> all = new ArrayList<>();
		String filterBy = null;
		if (this.random.nextInt(3) == 0) {
			List<String> tokens = new ArrayList<>();
			List<Predicate<Visit>> devices = new ArrayList<>();
			List<Predicate<Visit>> countries = new ArrayList<>();
			for (int i = 0, n = 1 + this.random.nextInt(3); i < n; i++) {
				switch (this.random.nextInt(4)) {
					case 0 -> {
						String device = pick(VALUES.get("device"));
						tokens.add(device);
						devices.add((visit) -> device.equals(visit.attributes().get("device")));
					}
					case 1 -> {
						String country = pick(VALUES.get("country"));
						tokens.add("country-" + country);
						countries.add((visit) -> country.equals(visit.attributes().get("country")));
					}
					case 2 -> {
						tokens.add("northamerica");
						countries.add((visit) -> "US".equals(visit.attributes().get("country"))
								|| "CA".equals(visit.attributes().get("country")));
					}
					default -> {
						tokens.add("paid");
						all.add((visit) -> "paid".equals(visit.attributes().get("source")));
					}
				}
			}
			if (!devices.isEmpty()) {
				all.add((visit) -> devices.stream().anyMatch((p) -> p.test(visit)));
			}
			if (!countries.isEmpty()) {
				all.add((visit) -> countries.stream().anyMatch((p) -> p.test(visit)));
			}
			filterBy = String.join(",", tokens);
		}
		String customFilter = null;
		if (this.random.nextInt(2) == 0) {
			List<List<Map<String, Object>>> groups = new ArrayList<>();
			for (int g = 0, n = 1 + this.random.nextInt(3); g < n; g++) {
				List<Map<String, Object>> group = new ArrayList<>();
				List<Predicate<Visit>> any = new ArrayList<>();
				for (int c = 0, m = 1 + this.random.nextInt(2); c < m; c++) {
					Map<String, Object> condition = condition();
					group.add(condition);
					any.add(oracle(condition));
				}
				groups.add(group);
				all.add((visit) -> any.stream().anyMatch((p) -> p.test(visit)));
			}
			customFilter = json.writeValueAsString(groups);
		}
		String breakdown = (this.random.nextInt(3) == 0) ? null : pick(List.copyOf(BREAKDOWNS.keySet()));
		int minCount = (this.random.nextInt(4) == 0) ? 2 + this.random.nextInt(2) : 1;
		int timeframe = (this.random.nextInt(4) == 0) ? 1 + this.random.nextInt(4) : 0;
		return new Request(filterBy, customFilter, breakdown, (breakdown != null) ? BREAKDOWNS.get(breakdown) : null,
				minCount, timeframe, (visit) -> all.stream().allMatch((p) -> p.test(visit)));
	}

	/**
	 * A breakdown of everyone by a random attribute, any first conversion: what the index
	 * answers from the counts it keeps per value when the window has no bounds.
	 */
	Request breakdownOfEveryone() {
		String breakdown = pick(List.copyOf(BREAKDOWNS.keySet()));
		return new Request(null, null, breakdown, BREAKDOWNS.get(breakdown), 1, 0, (visit) -> true);
	}

	private Map<String, Object> condition() {
		Map<String, Object> condition = new LinkedHashMap<>();
		int kind = this.random.nextInt(10);
		if (kind < 6) {
			String attribute = pick(CRITERIA);
			boolean utm = attribute.equals("utm_source");
			condition.put("criteria", utm ? "utm" : attribute);
			if (utm) {
				condition.put("key", "utm_source");
			}
			String operator = attribute.equals("country") ? pick(List.of("==", "!=", "**", "!*"))
					: pick(List.of("==", "!=", "**", "!*", "ex", "nx"));
			condition.put("operator", operator);
			String value = pick(VALUES.get(attribute));
			if (operator.startsWith("*") || operator.startsWith("!*")) {
				value = value.substring(0, Math.max(1, value.length() / 2));
			}
			if (!operator.equals("ex") && !operator.equals("nx")) {
				condition.put("value", this.random.nextBoolean() ? value.toUpperCase(Locale.ROOT) : value);
			}
		}
		else if (kind < 9) {
			boolean day = kind == 6;
			condition.put("criteria", day ? "dayofweek" : "hourofday");
			condition.put("operator", pick(List.of("==", "!=", ">", ">=", "<", "<=")));
			condition.put("value", this.random.nextInt(day ? 7 : 24));
		}
		else {
			condition.put("criteria", this.random.nextBoolean() ? "v.visitor_id" : "v.uuid");
			condition.put("operator", pick(List.of("==", "!=", "**", "!*")));
			condition.put("value", "v" + this.random.nextInt(30));
		}
		return condition;
	}

	/** The oracle's reading of one condition. */
	private Predicate<Visit> oracle(Map<String, Object> condition) {
		String criteria = (String) condition.get("criteria");
		String operator = (String) condition.get("operator");
		Object value = condition.get("value");
		return switch (criteria) {
			case "dayofweek", "hourofday" -> (visit) -> {
				ZonedDateTime local = Instant.ofEpochMilli(visit.enteredAt()).atZone(this.zone);
				int number = criteria.equals("dayofweek") ? local.getDayOfWeek().getValue() - 1 : local.getHour();
				int wanted = (Integer) value;
				return switch (operator) {
					case "==" -> number == wanted;
					case "!=" -> number != wanted;
					case ">" -> number > wanted;
					case ">=" -> number >= wanted;
					case "<" -> number < wanted;
					default -> number <= wanted;
				};
			};
			case "v.visitor_id", "v.uuid" -> (visit) -> text(operator, visit.visitorId(), (String) value);
			default -> {
				String attribute = criteria.equals("utm") ? "utm_source" : criteria;
				yield (visit) -> text(operator, lower(visit.attributes().get(attribute)), lower((String) value));
			}
		};
	}

	private static boolean text(String operator, String subject, String value) {
		return switch (operator) {
			case "==" -> subject != null && subject.equals(value);
			case "!=" -> subject == null || !subject.equals(value);
			case "**" -> subject != null && subject.contains(value);
			case "!*" -> subject == null || !subject.contains(value);
			case "ex" -> subject != null;
			default -> subject == null;
		};
	}

	private static String lower(String text) {
		return (text != null) ? text.toLowerCase(Locale.ROOT) : null;
	}

	private <T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	/**
	 * A segment request: its parameters as the client sends them, and the oracle's filter
	 * and breakdown attribute.
	 */
	record Request(String filterBy, String customFilter, String breakdownBy, String breakdownAttribute, int minCount,
			int timeframeDays, Predicate<Visit> keeps) {

		SegmentQuery parse() {
			return SegmentQuery.parse(this.filterBy, this.customFilter, this.breakdownBy,
					Integer.toString(this.minCount), Integer.toString(this.timeframeDays));
		}

	}

}
