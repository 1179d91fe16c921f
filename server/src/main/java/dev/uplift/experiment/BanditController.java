package dev.uplift.experiment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.project.ProjectContext;
import dev.uplift.web.ApiNumber;
import dev.uplift.web.ApiTime;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The splits a multi-armed bandit ran under, an Uplift addition
 * (docs/api-compatibility.md, docs/statistics.md#multi-armed-bandits).
 */
@RestController
class BanditController {

	private final ExperimentBandits bandits;

	BanditController(ExperimentBandits bandits) {
		this.bandits = bandits;
	}

	@GetMapping("/v2/project/{project_key}/experiment/{test_id}/reallocations")
	ReallocationsResponse reallocations(ProjectContext project, @PathVariable("test_id") String testId) {
		long id = ExperimentController.testId(testId);
		BanditHistory history = this.bandits.history(project, id);
		return new ReallocationsResponse(true, id, history.mab(), percents(history.startingWeights()),
				history.reallocations().stream().map(ReallocationView::of).toList());
	}

	// Shares in percent of the weights' sum, as traffic_weight writes them.
	static List<Number> percents(double[] weights) {
		double total = Arrays.stream(weights).sum();
		return Arrays.stream(weights)
			.mapToObj((weight) -> ApiNumber.of((total > 0)
					? BigDecimal.valueOf(weight * 100 / total).setScale(2, RoundingMode.HALF_UP).doubleValue() : 0))
			.toList();
	}

	/**
	 * The splits of an experiment: Get Experiment Re-allocations.
	 *
	 * @param success always true
	 * @param testId the experiment
	 * @param isMab whether it is a multi-armed bandit; an experiment that is not has only
	 * its starting split
	 * @param startingWeights the split in percent, Control first, in force until the
	 * first re-allocation: the configured weights
	 * @param reallocations the re-allocations, oldest first
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ReallocationsResponse(boolean success, long testId, boolean isMab, List<Number> startingWeights,
			List<ReallocationView> reallocations) {
	}

	/**
	 * One re-allocation.
	 *
	 * @param effectiveAt when its split took or takes effect: the start of a day of the
	 * project's time zone
	 * @param computedAt when it was drawn
	 * @param weights the split in percent, Control first
	 * @param visitors the primary goal's visitors per arm it was drawn from
	 * @param conversions the primary goal's converted visitors per arm
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ReallocationView(String effectiveAt, String computedAt, List<Number> weights, List<Long> visitors,
			List<Long> conversions) {

		static ReallocationView of(Reallocation reallocation) {
			return new ReallocationView(ApiTime.format(reallocation.effectiveAt()),
					ApiTime.format(reallocation.computedAt()), percents(reallocation.split()), reallocation.visitors(),
					reallocation.conversions());
		}

	}

}
