package dev.uplift.experiment;

import java.time.Duration;
import java.time.ZoneId;

/**
 * When an experiment starts and stops by itself (docs/schedules.md).
 *
 * @param startAt epoch ms at which a draft goes live, or null
 * @param endAt epoch ms at which it is concluded, or null
 * @param completionVisitors conclude at this many visitors, 0 for never
 * @param completionConversions conclude at this many conversions of the primary goal, 0
 * for never
 * @param completionSignificant conclude when the experiment's engine decides a treatment
 * @param completionAfterDays conclude this many days after the first start, 0 for never
 * @param startedAt epoch ms of the first start, by hand or by the schedule, or null
 * @param completedBy the rule that concluded it, or null
 */
record Schedule(Long startAt, Long endAt, long completionVisitors, long completionConversions,
		boolean completionSignificant, long completionAfterDays, Long startedAt, CompletionReason completedBy) {

	static final Schedule NONE = new Schedule(null, null, 0, 0, false, 0, null, null);

	/**
	 * This schedule with the changes sent, dates without an offset read in the zone; a
	 * new end must lie ahead of now and of the start.
	 */
	Schedule apply(ScheduleChanges changes, ZoneId zone, long now) {
		Long start = (changes.start() != null) ? changes.start().at(zone) : this.startAt;
		Long end = (changes.end() != null) ? changes.end().at(zone) : this.endAt;
		if (changes.end() != null && end != null && !end.equals(this.endAt) && end <= now) {
			throw ExperimentRequest.bad("configuration.end_test_date", "is in the past");
		}
		if (start != null && end != null && end <= start) {
			throw ExperimentRequest.bad("configuration.end_test_date", "must be after 'configuration.start_test_date'");
		}
		return new Schedule(start, end, orElse(changes.visitors(), this.completionVisitors),
				orElse(changes.conversions(), this.completionConversions),
				(changes.significant() != null) ? changes.significant() : this.completionSignificant,
				orElse(changes.afterDays(), this.completionAfterDays), this.startedAt, this.completedBy);
	}

	/** Whether a rule may conclude the experiment. */
	boolean hasCompletionRule() {
		return this.endAt != null || this.completionVisitors > 0 || this.completionConversions > 0
				|| this.completionSignificant || this.completionAfterDays > 0;
	}

	/** When the period of {@code completion_after_period} ends, or null. */
	Long periodEndsAt() {
		return (this.completionAfterDays > 0 && this.startedAt != null)
				? this.startedAt + Duration.ofDays(this.completionAfterDays).toMillis() : null;
	}

	private static long orElse(Long value, long fallback) {
		return (value != null) ? value : fallback;
	}

}
