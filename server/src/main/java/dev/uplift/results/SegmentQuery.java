package dev.uplift.results;

import java.util.Map;
import java.util.Optional;

import dev.uplift.error.InvalidInput;

/**
 * The segment part of a result request (digest §3.6): who is counted, what a conversion
 * needs, and the attribute to break the result down by.
 *
 * @param filter the visitors counted ({@code filter_by} AND {@code custom_filter})
 * @param breakdown the attribute of {@code breakdown_by}, or null
 * @param minCount goal events a visitor needs at or after entry to count as converted, at
 * least 1
 * @param timeframeDays days after entry within which the first conversion must fall, 0
 * for no limit
 * @param events the conversion events that count ({@code event_attribute})
 */
record SegmentQuery(SegmentFilter filter, Dimension breakdown, int minCount, int timeframeDays,
		EventAttributes events) {

	/** Everyone, the first conversion at any time, no breakdown. */
	static final SegmentQuery NONE = new SegmentQuery(SegmentFilter.EVERYONE, null, 1, 0, EventAttributes.ANY);

	static final int MAX_MIN_COUNT = 1_000_000;

	private static final long DAY_MS = 86_400_000L;

	static final int MAX_TIMEFRAME_DAYS = 3650;

	/** Mida's breakdowns of attributes Uplift does not keep with an entry. */
	private static final Map<String, String> NOT_RECORDED = Map.of("ref_page", "the referring page", "utm_campaign",
			"utm_campaign", "utm_medium", "utm_medium", "utm_content", "utm_content", "utm_term", "utm_term");

	/**
	 * Parses the segment parameters of the result route; every malformed value is a 400
	 * naming it.
	 */
	static SegmentQuery parse(String filterBy, String customFilter, String breakdownBy, String minCount,
			String timeframeDays) {
		return new SegmentQuery(FilterPresets.parse(filterBy).and(CustomFilter.parse(customFilter)),
				breakdown(breakdownBy), integer("min_count", minCount, 1, MAX_MIN_COUNT, 1),
				integer("timeframe_days", timeframeDays, 0, MAX_TIMEFRAME_DAYS, 0), EventAttributes.ANY);
	}

	/** The same query counting only the conversion events {@code events} keeps. */
	SegmentQuery with(EventAttributes events) {
		return new SegmentQuery(this.filter, this.breakdown, this.minCount, this.timeframeDays, events);
	}

	/**
	 * Whether the plain counts answer it: everyone, any first conversion, no breakdown.
	 */
	boolean plain() {
		return this.filter.everyone() && this.breakdown == null && this.minCount == 1 && this.timeframeDays == 0
				&& this.events.any();
	}

	/**
	 * Whether the entry counts as converted by the window's end: a first conversion
	 * before it, at least {@code minCount} goal events, and within the time frame.
	 */
	boolean converts(SegmentRow row, EntryWindow window) {
		return row.firstConvertedAt() < window.toMillis() && row.conversions() >= this.minCount
				&& (this.timeframeDays == 0 || row.firstConvertedAt() - row.enteredAt() < this.timeframeDays * DAY_MS);
	}

	Optional<Dimension> breakdownDimension() {
		return Optional.ofNullable(this.breakdown);
	}

	private static Dimension breakdown(String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (NOT_RECORDED.containsKey(value)) {
			throw new InvalidInput("breakdown_by",
					"breakdown_by '" + value + "' is not available: Uplift does not keep " + NOT_RECORDED.get(value)
							+ " with a visitor's entry");
		}
		return Dimension.byBreakdownName(value)
			.orElseThrow(() -> new InvalidInput("breakdown_by",
					"breakdown_by must be one of device, browser, os, country, region, city, user_type, landing_page, "
							+ "utm_source; got '" + FilterPresets.abbreviate(value) + "'"));
	}

	private static int integer(String name, String value, int min, int max, int absent) {
		if (value == null || value.isEmpty()) {
			return absent;
		}
		try {
			int number = Integer.parseInt(value.strip());
			if (number < min || number > max) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new InvalidInput(name, name + " must be an integer from " + min + " to " + max + ", got '"
					+ FilterPresets.abbreviate(value) + "'");
		}
	}

}
