package dev.uplift.results;

import java.util.List;
import java.util.Map;

import dev.uplift.project.ProjectContext;
import dev.uplift.error.InvalidInput;
import dev.uplift.web.PathId;

import io.swagger.v3.oas.annotations.Parameter;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Get Experiment Result, the seed endpoint (docs/api.md §2). */
@RestController
class ResultController {

	private static final List<String> UNSUPPORTED = List.of("filter_by", "filterBy", "custom_filter", "breakdown_by",
			"breakdownBy", "event_attribute", "min_count", "minCount", "timeframe_days", "timeframeDays",
			"report_phase", "filters");

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
			// Read only to refuse parameters Uplift does not support; not a parameter of
			// its own.
			@Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
		rejectUnsupported(parameters);
		ResultQuery query = ResultQuery.parse(startDate, endDate, goalKey, goalProfileId, tz);
		return ResultResponse.of(this.results.result(project, PathId.parse("test_id", testId), query));
	}

	/**
	 * Mida's segment filters and breakdowns are outside Uplift's result endpoint: say so
	 * rather than ignore them.
	 */
	private static void rejectUnsupported(Map<String, String> parameters) {
		for (String name : UNSUPPORTED) {
			if (parameters.containsKey(name)) {
				throw new InvalidInput("'" + name + "' is not supported by Uplift's result endpoint");
			}
		}
	}

}
