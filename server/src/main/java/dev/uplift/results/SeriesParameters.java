package dev.uplift.results;

import io.swagger.v3.oas.annotations.Parameter;

import org.springframework.web.bind.annotation.BindParam;

/**
 * The query parameters that Get Experiment Timeseries and Get Experiment Metrics share
 * with the result (docs/api.md §2.1, §2.2), as they arrive.
 *
 * @param startDate {@code start_date}
 * @param endDate {@code end_date}
 * @param tz {@code tz}
 * @param filterBy {@code filter_by}
 * @param customFilter {@code custom_filter}
 * @param minCount {@code min_count}
 * @param timeframeDays {@code timeframe_days}
 * @param eventAttribute {@code event_attribute}
 */
record SeriesParameters(
		@Parameter(name = "start_date",
				description = "First day, YYYY-MM-DD") @BindParam("start_date") String startDate,
		@Parameter(name = "end_date", description = "Last day, YYYY-MM-DD") @BindParam("end_date") String endDate,
		@Parameter(name = "tz", description = "Hour offset the days are read in") String tz,
		@Parameter(name = "filter_by",
				description = "Preset segments, as on the result") @BindParam("filter_by") String filterBy,
		@Parameter(name = "custom_filter",
				description = "JSON segment, as on the result") @BindParam("custom_filter") String customFilter,
		@Parameter(name = "min_count",
				description = "Goal events a visitor needs at or after entry, default 1") @BindParam("min_count") String minCount,
		@Parameter(name = "timeframe_days",
				description = "Days after entry within which the first conversion must fall") @BindParam("timeframe_days") String timeframeDays,
		@Parameter(name = "event_attribute",
				description = SeriesParameters.EVENT_ATTRIBUTE) @BindParam("event_attribute") String eventAttribute) {

	static final String EVENT_ATTRIBUTE = "Event, revenue and script goals: JSON, an array (OR) of arrays (AND) of "
			+ "{key, operand, value}; only conversion events whose properties match count";

	/**
	 * The window and segment, validated, counting the goal given by key or id (or none).
	 */
	ResultQuery query(String goalKey, String goalProfileId) {
		return ResultQuery.parse(this.startDate, this.endDate, goalKey, goalProfileId, this.tz)
			.with(SegmentQuery.parse(this.filterBy, this.customFilter, null, this.minCount, this.timeframeDays)
				.with(EventAttributes.parse(this.eventAttribute)));
	}

}
