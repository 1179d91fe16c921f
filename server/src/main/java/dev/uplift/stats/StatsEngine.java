package dev.uplift.stats;

/**
 * Which engine decides whether a treatment is significant, the two analysis methods of
 * the Mida dashboard.
 */
public enum StatsEngine {

	/** Decides on the posterior chance to beat Control. */
	BAYESIAN("bayesian"),

	/** Decides on the (Holm-adjusted) p-value. */
	FREQUENTIST("frequentist");

	private final String apiName;

	StatsEngine(String apiName) {
		this.apiName = apiName;
	}

	/** The value of the result's {@code stats_engine} field. */
	public String apiName() {
		return this.apiName;
	}

}
