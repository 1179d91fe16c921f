package dev.uplift.experiment;

import dev.uplift.web.ApiException;

/**
 * A request that the experiment's state forbids, such as going from live back to draft;
 * names the state.
 */
class ExperimentStateConflict extends ApiException.Conflict {

	ExperimentStateConflict(long testId, String reason) {
		super("Experiment " + testId + " " + reason);
	}

}
