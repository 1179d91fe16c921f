package dev.uplift.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The confidence sequence of Waudby-Smith et al. (arXiv 2103.06476): ρ² from N* and α,
 * and the always-valid p-value as the level at which the sequence just touches 0 (values
 * checked against stats/reference.py's formulas).
 */
class ConfidenceSequenceTests {

	@Test
	void rhoWhenAlphaFivePercentAndTuningFiveThousandFollowsThePaper() {
		double logTerm = -2 * Math.log(0.05);

		assertThat(new ConfidenceSequence(0.05, 5000).rhoSquared()).isCloseTo((logTerm + Math.log(logTerm + 1)) / 5000,
				within(1e-18));
	}

	@Test
	void pValueWhenUsedAsAlphaPutsZeroOnTheBoundaryOfTheSequence() {
		double estimate = 0.12;
		double standardError = 0.03;
		long size = 4000;
		double pValue = new ConfidenceSequence(0.05, 5000).infer(estimate, standardError, size).pValue();
		// A sequence at level 1 − p with the same ρ must end exactly at 0: rebuild it
		// from the formula.
		double v = size * new ConfidenceSequence(0.05, 5000).rhoSquared();
		double halfWidth = standardError * Math.sqrt((v + 1) / v * (Math.log1p(v) - 2 * Math.log(pValue)));

		assertThat(estimate - halfWidth).isCloseTo(0, within(1e-12));
	}

	@Test
	void inferWhenPValueBelowAlphaExcludesZeroAndOtherwiseIncludesIt() {
		ConfidenceSequence sequence = new ConfidenceSequence(0.05, 5000);
		for (double estimate = -0.2; estimate <= 0.2; estimate += 0.01) {
			Inference inference = sequence.infer(estimate, 0.05, 10_000);
			boolean excludesZero = inference.interval().low() > 0 || inference.interval().high() < 0;
			assertThat(excludesZero).as("estimate %s", estimate).isEqualTo(inference.pValue() < 0.05);
		}
	}

	@Test
	void inferWhenSampleGrowsIsWiderThanTheFixedSampleInterval() {
		Inference inference = new ConfidenceSequence(0.05, 5000).infer(0, 0.01, 5000);

		assertThat(inference.interval().high()).isGreaterThan(1.96 * 0.01);
		assertThat(inference.pValue()).isEqualTo(1);
	}

}
