package dev.uplift.results;

import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which path counts a result: the rollups hold days of the project's zone, anything else
 * is scanned.
 */
class CountPathTests {

	@Test
	void pathWithoutTzOrWithTheProjectsOwnOffsetIsTheRollup() {
		assertThat(ResultService.path(ZoneId.of("UTC"), null)).isEqualTo(CountPath.ROLLUP);
		assertThat(ResultService.path(ZoneId.of("UTC"), ZoneOffset.UTC)).isEqualTo(CountPath.ROLLUP);
		assertThat(ResultService.path(ZoneOffset.ofHours(2), ZoneOffset.ofHours(2))).isEqualTo(CountPath.ROLLUP);
		assertThat(ResultService.path(ZoneId.of("Europe/Paris"), null)).isEqualTo(CountPath.ROLLUP);
	}

	@Test
	void pathWithAnotherOffsetOrAZoneWithChangingOffsetsIsTheScan() {
		assertThat(ResultService.path(ZoneId.of("UTC"), ZoneOffset.ofHours(8))).isEqualTo(CountPath.SCAN);
		// Paris is +1 in winter and +2 in summer: a fixed +1 reads other days for half
		// the year.
		assertThat(ResultService.path(ZoneId.of("Europe/Paris"), ZoneOffset.ofHours(1))).isEqualTo(CountPath.SCAN);
	}

}
