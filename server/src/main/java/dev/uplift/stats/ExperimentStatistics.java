package dev.uplift.stats;

import java.util.List;

/**
 * Everything the statistics add to an experiment's result: engine, threshold,
 * sample-ratio check and one comparison with Control per treatment, as specified in
 * docs/api.md §6.
 *
 * @param engine the engine that decided {@link TreatmentStatistics#significant()}
 * @param confidenceThresholdPercent the threshold used, 50 to 99
 * @param srm the sample-ratio-mismatch check over all arms
 * @param treatments one entry per treatment, in arm order (Control excluded)
 */
public record ExperimentStatistics(StatsEngine engine, double confidenceThresholdPercent, SampleRatioMismatch srm,
		List<TreatmentStatistics> treatments) {

	public ExperimentStatistics {
		if (engine == null || srm == null) {
			throw new IllegalArgumentException("Engine and SRM check must be given");
		}
		treatments = List.copyOf(treatments);
	}

	/**
	 * Whether there is more than one treatment, so that {@code p_value_adjusted} belongs
	 * in the result.
	 */
	public boolean hasAdjustedPValues() {
		return this.treatments.size() > 1;
	}

}
