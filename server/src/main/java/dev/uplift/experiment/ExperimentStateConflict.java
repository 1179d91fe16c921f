package dev.uplift.experiment;

import dev.uplift.error.StateConflict;

/**
 * A request that the experiment's state forbids, such as going from live back to draft;
 * names the state.
 */
class ExperimentStateConflict extends StateConflict {

	ExperimentStateConflict(long testId, String state, String reason) {
		super(state, "Experiment " + testId + " " + reason);
	}

}
