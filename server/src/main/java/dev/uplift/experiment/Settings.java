package dev.uplift.experiment;

import dev.uplift.error.InvalidInput;

/**
 * How an experiment splits traffic and decides: the {@code configuration} of the API.
 *
 * @param trafficAllocation percent of visitors included, 0 to 100
 * @param confidenceInterval decision threshold in percent, 50 to 99
 * @param bayesian Bayesian engine (else frequentist)
 * @param sequential always-valid frequentist inference
 * @param priorMean mean of the optional normal prior on the relative lift, or null
 * @param priorVariance variance of that prior (positive), or null
 */
record Settings(double trafficAllocation, int confidenceInterval, boolean bayesian, boolean sequential,
		Double priorMean, Double priorVariance) {

	static final Settings DEFAULT = new Settings(100, 95, true, true, null, null);

	Settings {
		if (trafficAllocation < 0 || trafficAllocation > 100) {
			throw new InvalidInput("'configuration.traffic_allocation' must be between 0 and 100");
		}
		if (confidenceInterval < 50 || confidenceInterval > 99) {
			throw new InvalidInput("'confidence_interval' must be an integer between 50 and 99");
		}
		if ((priorMean == null) != (priorVariance == null)) {
			throw new InvalidInput("'prior_mean' and 'prior_variance' go together: send both or neither");
		}
		if (priorVariance != null && !(priorVariance > 0)) {
			throw new InvalidInput("'prior_variance' must be greater than 0");
		}
	}

	/**
	 * These settings with the given changes; null fields of the changes keep the current
	 * value.
	 */
	Settings apply(SettingsChanges changes) {
		boolean newPrior = changes.priorMean() != null || changes.priorVariance() != null;
		return new Settings(orElse(changes.trafficAllocation(), this.trafficAllocation),
				orElse(changes.confidenceInterval(), this.confidenceInterval),
				orElse(changes.bayesian(), this.bayesian), orElse(changes.sequential(), this.sequential),
				newPrior ? changes.priorMean() : this.priorMean,
				newPrior ? changes.priorVariance() : this.priorVariance);
	}

	private static <T> T orElse(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	/** Settings fields sent in a request; null means not sent. */
	record SettingsChanges(Double trafficAllocation, Integer confidenceInterval, Boolean bayesian, Boolean sequential,
			Double priorMean, Double priorVariance) {

		static final SettingsChanges NONE = new SettingsChanges(null, null, null, null, null, null);

	}

}
