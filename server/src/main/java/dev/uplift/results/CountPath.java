package dev.uplift.results;

/** How a result is counted; both give the same numbers wherever both apply. */
enum CountPath {

	/**
	 * Sums of the per-day rollups: days in the project's reporting time zone, O(days²)
	 * whatever the traffic.
	 */
	ROLLUP,

	/** SQL over the per-visitor rows: any time zone. */
	SCAN

}
