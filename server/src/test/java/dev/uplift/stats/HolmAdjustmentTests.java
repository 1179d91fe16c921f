package dev.uplift.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Holm's step-down adjustment (Holm 1979) on small families computed by hand. */
class HolmAdjustmentTests {

	@Test
	void adjustWhenOneHypothesisLeavesItUnchanged() {
		assertThat(HolmAdjustment.adjust(new double[] { 0.037 })).containsExactly(0.037);
	}

	@Test
	void adjustWhenProductExceedsOneCapsAtOne() {
		assertThat(HolmAdjustment.adjust(new double[] { 0.6, 0.5, 0.001 }))
			.containsExactly(new double[] { 1, 1, 0.003 }, within(1e-15));
	}

	@Test
	void adjustWhenTiesKeepsEqualAdjustedValues() {
		assertThat(HolmAdjustment.adjust(new double[] { 0.02, 0.02, 0.9 }))
			.containsExactly(new double[] { 0.06, 0.06, 0.9 }, within(1e-15));
	}

	@Test
	void adjustWhenEmptyReturnsEmpty() {
		assertThat(HolmAdjustment.adjust(new double[0])).isEmpty();
	}

}
