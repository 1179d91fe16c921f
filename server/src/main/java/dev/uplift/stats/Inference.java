package dev.uplift.stats;

/**
 * A two-sided p-value for "no effect" with the matching interval of the effect, as
 * produced by a frequentist test.
 *
 * @param pValue between 0 and 1
 * @param interval the interval at the requested level, in the unit of the estimate
 */
record Inference(double pValue, Interval interval) {
}
