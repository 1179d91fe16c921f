package dev.uplift.experiment;

import jakarta.validation.constraints.Size;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.error.InvalidInput;

/**
 * The optional body of Conclude (docs/api.md §3).
 *
 * @param winnerVariantId the arm chosen as the winner, by its {@code variant_id} (0 for
 * Control), or null for no winner
 * @param note why, at most 2,000 characters, or null
 */
@JsonNaming(SnakeCaseStrategy.class)
record ConcludeRequest(Integer winnerVariantId,
		@Size(max = Conclusion.MAX_NOTE_LENGTH, message = GoalRequest.MAX_LENGTH) String note) {

	static final ConcludeRequest EMPTY = new ConcludeRequest(null, null);

	/** The conclusion for an experiment of {@code arms} arms, checked. */
	Conclusion conclusion(int arms) {
		if (this.winnerVariantId != null && (this.winnerVariantId < 0 || this.winnerVariantId >= arms)) {
			throw new InvalidInput("winner_variant_id",
					"'winner_variant_id' must be the variant_id of one of its arms, 0 to " + (arms - 1));
		}
		String trimmed = (this.note != null) ? this.note.strip() : "";
		if (trimmed.codePoints().anyMatch((c) -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
			throw new InvalidInput("note", "'note' must not contain control characters other than line breaks");
		}
		return new Conclusion(this.winnerVariantId, trimmed.isEmpty() ? null : trimmed);
	}

}
