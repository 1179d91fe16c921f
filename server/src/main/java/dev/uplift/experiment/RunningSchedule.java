package dev.uplift.experiment;

/**
 * A live or paused experiment with a rule that may conclude it.
 *
 * @param testId the experiment
 * @param projectId its project
 * @param endAt epoch ms of {@code end_test_date}, or null
 * @param periodEndsAt epoch ms at which {@code completion_after_period} ends, or null
 * @param completionVisitors conclude at this many visitors, 0 for never
 * @param completionConversions conclude at this many conversions of the primary goal, 0
 * for never
 * @param completionSignificant conclude when the experiment's engine decides a treatment
 */
public record RunningSchedule(long testId, long projectId, Long endAt, Long periodEndsAt, long completionVisitors,
		long completionConversions, boolean completionSignificant) {

	static RunningSchedule of(long testId, long projectId, Schedule schedule) {
		return new RunningSchedule(testId, projectId, schedule.endAt(), schedule.periodEndsAt(),
				schedule.completionVisitors(), schedule.completionConversions(), schedule.completionSignificant());
	}

	/** The rule of the clock that concludes the experiment at {@code now}, or null. */
	public CompletionReason dueAt(long now) {
		if (this.endAt != null && this.endAt <= now) {
			return CompletionReason.END_TEST_DATE;
		}
		if (this.periodEndsAt != null && this.periodEndsAt <= now) {
			return CompletionReason.COMPLETION_AFTER_PERIOD;
		}
		return null;
	}

	/** Whether a rule needs the experiment's result to decide. */
	public boolean needsResult() {
		return this.completionVisitors > 0 || this.completionConversions > 0 || this.completionSignificant;
	}

}
