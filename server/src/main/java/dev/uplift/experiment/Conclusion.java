package dev.uplift.experiment;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * How an experiment was concluded: the arm chosen as its winner and why; both optional.
 *
 * @param winnerVariantId the winning arm's index (0 for Control), or null when none was
 * chosen
 * @param note the team's note on the decision, or null
 */
@JsonNaming(SnakeCaseStrategy.class)
record Conclusion(Integer winnerVariantId, String note) {

	/** The longest note kept, in characters. */
	static final int MAX_NOTE_LENGTH = 2000;

	static final Conclusion NONE = new Conclusion(null, null);

}
