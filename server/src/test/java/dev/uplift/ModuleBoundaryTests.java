package dev.uplift;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Each feature package is a module: another feature may use only its public types, and no
 * two features depend on each other, directly or around a cycle.
 */
class ModuleBoundaryTests {

	@Test
	void featuresUseEachOtherOnlyThroughPublicTypesAndWithoutCycles() {
		ApplicationModules.of(UpliftApplication.class).verify();
	}

}
