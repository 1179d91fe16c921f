package dev.uplift.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.uplift.error.InvalidInput;

/**
 * The dashboard's preset segments of {@code filter_by} (digest §3.6): tokens of different
 * attributes are AND, tokens of the same attribute OR ({@code country-US,country-CA}, a
 * region and a country, or two devices).
 */
final class FilterPresets {

	static final String PARAMETER = "filter_by";

	private static final int MAX_LENGTH = 2000;

	private static final Pattern COUNTRY_TOKEN = Pattern.compile("country-([A-Za-z]{2})");

	private static final Set<String> DEVICES = Set.of("mobile", "desktop", "tablet");

	private static final Set<String> VISITOR_TYPES = Set.of("new", "returning");

	private static final Set<String> SOURCES = Set.of("direct", "referral", "social", "search", "paid", "email");

	private static final String NON_PAID = "nonpaid";

	private FilterPresets() {
	}

	/** The filter of a {@code filter_by} value; null or blank is everyone. */
	static SegmentFilter parse(String filterBy) {
		if (filterBy == null || filterBy.isBlank()) {
			return SegmentFilter.EVERYONE;
		}
		if (filterBy.length() > MAX_LENGTH) {
			throw new InvalidInput(PARAMETER, PARAMETER + " must be at most " + MAX_LENGTH + " characters");
		}
		Map<Criterion, List<Condition>> byCriterion = new LinkedHashMap<>();
		for (String raw : filterBy.split(",", -1)) {
			String token = raw.strip();
			Condition[] conditions = conditions(token);
			byCriterion.computeIfAbsent(conditions[0].criterion(), (c) -> new ArrayList<>())
				.addAll(List.of(conditions));
		}
		return new SegmentFilter(new ArrayList<>(byCriterion.values()));
	}

	private static Condition[] conditions(String token) {
		String lower = token.toLowerCase(Locale.ROOT);
		if (DEVICES.contains(lower)) {
			return new Condition[] { new Condition(Criterion.DEVICE, Operator.EQUALS, lower) };
		}
		if (VISITOR_TYPES.contains(lower)) {
			return new Condition[] { new Condition(Criterion.VISITOR_TYPE, Operator.EQUALS, lower) };
		}
		if (SOURCES.contains(lower)) {
			return new Condition[] { new Condition(Criterion.SOURCE, Operator.EQUALS, lower) };
		}
		if (NON_PAID.equals(lower)) {
			// Every known source but paid: a visitor without a source is not counted.
			return SOURCES.stream()
				.filter((source) -> !source.equals("paid"))
				.map((source) -> new Condition(Criterion.SOURCE, Operator.EQUALS, source))
				.toArray(Condition[]::new);
		}
		if (COUNTRY_TOKEN.matcher(token).matches()) {
			return new Condition[] { new Condition(Criterion.COUNTRY, Operator.EQUALS, token.substring(8)) };
		}
		List<String> region = Regions.countries(lower);
		if (region.isEmpty()) {
			throw new InvalidInput(PARAMETER,
					PARAMETER + ": unknown preset '" + abbreviate(token)
							+ "'; use mobile, desktop, tablet, new, returning, direct, referral, social, search, paid, "
							+ "nonpaid, email, country-XX or a region (" + String.join(", ", Regions.names()) + ")");
		}
		return region.stream()
			.map((country) -> new Condition(Criterion.COUNTRY, Operator.EQUALS, country))
			.toArray(Condition[]::new);
	}

	static String abbreviate(String value) {
		return (value.length() <= 40) ? value : value.substring(0, 40) + "...";
	}

}
