package dev.uplift.tracking;

/**
 * Where events come from, which decides how an exposure to an unusable experiment is
 * treated.
 */
enum EventSource {

	/**
	 * Public collect and SDK routes: exposures count only for live experiments; one to
	 * any other experiment is stored and ignored, revealing nothing about it.
	 */
	COLLECT,

	/**
	 * Authenticated import: exposures count for any experiment that is not deleted;
	 * others are rejected.
	 */
	IMPORT

}
