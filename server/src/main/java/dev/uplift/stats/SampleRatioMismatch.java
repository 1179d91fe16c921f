package dev.uplift.stats;

import java.util.List;

/**
 * The sample-ratio-mismatch check: Pearson's chi-square goodness of fit of the visitors
 * per arm against the configured weights (Pearson 1900; Fabijan et al., KDD 2019, for its
 * use in A/B tests).
 *
 * @param pValue p-value of the goodness-of-fit test, 0 to 1
 * @param detected whether {@code pValue} is below {@link #DETECTION_LEVEL}
 * @param expectedWeights configured weights normalised to sum 1, Control first
 */
public record SampleRatioMismatch(double pValue, boolean detected, List<Double> expectedWeights) {

	/** The p-value below which a mismatch is reported. */
	public static final double DETECTION_LEVEL = 0.001;

	public SampleRatioMismatch {
		if (!(pValue >= 0 && pValue <= 1)) {
			throw new IllegalArgumentException("pValue must be between 0 and 1, was " + pValue);
		}
		expectedWeights = List.copyOf(expectedWeights);
		for (double weight : expectedWeights) {
			if (!(weight >= 0 && weight <= 1)) {
				throw new IllegalArgumentException("A normalised weight lies between 0 and 1, was " + weight);
			}
		}
	}

}
