package dev.uplift.results;

import java.util.List;
import java.util.Map;

import dev.uplift.project.ProjectContext;
import dev.uplift.error.InvalidInput;
import dev.uplift.web.PathId;

import io.swagger.v3.oas.annotations.Parameter;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Get Experiment Result, the seed endpoint (docs/api.md §2), and its counts per day and
 * per metric: Get Experiment Timeseries and Get Experiment Metrics (§2.1, §2.2).
 */
@RestController
class ResultController {

	private static final List<String> UNSUPPORTED = List.of("filters");

	// The same, and the breakdown, which neither the timeseries nor the metrics take
	// (Mida answers 400 on metrics); both take the result's report phase.
	private static final List<String> UNSUPPORTED_BY_SERIES = List.of("filters", "breakdown_by", "breakdownBy");

	private final ResultService results;

	ResultController(ResultService results) {
		this.results = results;
	}

	@GetMapping("/v2/project/{project_key}/experiment/{test_id}/result")
	ResultResponse result(ProjectContext project, @PathVariable("test_id") String testId,
			@RequestParam(name = "start_date", required = false) String startDate,
			@RequestParam(name = "end_date", required = false) String endDate,
			@RequestParam(name = "goal_key", required = false) String goalKey,
			@RequestParam(name = "goal_profile_id", required = false) String goalProfileId,
			@RequestParam(required = false) String tz,
			@Parameter(description = "Preset segments, comma-separated: mobile, desktop, tablet, new, returning, "
					+ "a source, country-XX or a region") @RequestParam(name = "filter_by",
							required = false) String filterBy,
			@Parameter(
					description = "JSON: an array (AND) of arrays (OR) of {criteria, operator, value, key?}") @RequestParam(
							name = "custom_filter", required = false) String customFilter,
			@Parameter(
					description = "device, browser, os, country, region, city, user_type, landing_page or utm_source") @RequestParam(
							name = "breakdown_by", required = false) String breakdownBy,
			@Parameter(description = "Goal events a visitor needs at or after entry, default 1") @RequestParam(
					name = "min_count", required = false) String minCount,
			@Parameter(description = "Days after entry within which the first conversion must fall") @RequestParam(
					name = "timeframe_days", required = false) String timeframeDays,
			@Parameter(description = "pre_deploy, post_deploy or all_time; default pre_deploy while a winner is "
					+ "served, else all_time") @RequestParam(name = "report_phase",
							required = false) String reportPhase,
			@Parameter(description = SeriesParameters.EVENT_ATTRIBUTE) @RequestParam(name = "event_attribute",
					required = false) String eventAttribute,
			// Read to refuse parameters Uplift does not support and to take the camelCase
			// aliases of the digest's older versions; not a parameter of its own.
			@Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
		rejectUnsupported(parameters);
		SegmentQuery segments = SegmentQuery
			.parse(alias(filterBy, parameters, "filterBy"), customFilter, alias(breakdownBy, parameters, "breakdownBy"),
					alias(minCount, parameters, "minCount"), alias(timeframeDays, parameters, "timeframeDays"))
			.with(EventAttributes.parse(eventAttribute));
		ResultQuery query = ResultQuery.parse(startDate, endDate, goalKey, goalProfileId, tz)
			.with(segments)
			.with(ReportPhase.parse(reportPhase));
		return ResultResponse.of(this.results.result(project, PathId.parse("test_id", testId), query));
	}

	@GetMapping("/v2/project/{project_key}/experiment/{test_id}/timeseries")
	TimeseriesResponse timeseries(ProjectContext project, @PathVariable("test_id") String testId,
			@ParameterObject SeriesParameters series, @RequestParam(name = "goal_key", required = false) String goalKey,
			@RequestParam(name = "goal_profile_id", required = false) String goalProfileId,
			@Parameter(description = "pre_deploy, post_deploy or all_time, as on the result") @RequestParam(
					name = "report_phase", required = false) String reportPhase,
			@Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
		rejectUnsupported(parameters, UNSUPPORTED_BY_SERIES, "timeseries");
		return TimeseriesResponse.of(this.results.timeseries(project, PathId.parse("test_id", testId),
				series.query(goalKey, goalProfileId).with(ReportPhase.parse(reportPhase))));
	}

	@GetMapping("/v2/project/{project_key}/experiment/{test_id}/metrics")
	MetricsResponse metrics(ProjectContext project, @PathVariable("test_id") String testId,
			@ParameterObject SeriesParameters series,
			@Parameter(
					description = "Goal keys, comma-separated or a JSON array; default the secondary goals") @RequestParam(
							name = "metric_keys", required = false) String metricKeys,
			@Parameter(description = "Alias of metric_keys") @RequestParam(name = "goal_keys",
					required = false) String goalKeys,
			@Parameter(description = "Zero-based positions among the definitions to compute") @RequestParam(
					name = "metric_batch", required = false) String metricBatch,
			@Parameter(description = "pre_deploy, post_deploy or all_time, as on the result") @RequestParam(
					name = "report_phase", required = false) String reportPhase,
			@Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
		rejectUnsupported(parameters, UNSUPPORTED_BY_SERIES, "metrics");
		MetricQuery metrics = MetricQuery.parse(metricKeys, goalKeys, metricBatch);
		return MetricsResponse.of(
				this.results.metrics(project, PathId.parse("test_id", testId),
						series.query(null, null).with(ReportPhase.parse(reportPhase)), metrics),
				series.filterBy(), series.customFilter());
	}

	private static String alias(String value, Map<String, String> parameters, String alias) {
		return (value != null) ? value : parameters.get(alias);
	}

	/**
	 * Mida's result parameters Uplift does not implement, and the structured
	 * {@code filters} Mida itself refuses: say so rather than ignore them.
	 */
	private static void rejectUnsupported(Map<String, String> parameters) {
		rejectUnsupported(parameters, UNSUPPORTED, "result");
	}

	/** Refuses any of the named parameters, naming it and the route. */
	private static void rejectUnsupported(Map<String, String> parameters, List<String> names, String route) {
		for (String name : names) {
			if (parameters.containsKey(name)) {
				throw new InvalidInput(name, "'" + name + "' is not supported by Uplift's " + route + " endpoint");
			}
		}
	}

}
