package dev.uplift.experiment;

import dev.uplift.experiment.ExperimentRequest.Configuration;

/**
 * The schedule and completion rules a request sent (docs/schedules.md); a null field was
 * not sent, and a count of 0 turns its rule off.
 *
 * @param start {@code start_test_date}
 * @param end {@code end_test_date}
 * @param visitors {@code completion_visitor}: conclude at this many visitors
 * @param conversions {@code completion_conversion}: conclude at this many conversions of
 * the primary goal
 * @param significant {@code completion_stats_significant_flag}: conclude when the
 * experiment's engine decides a treatment
 * @param afterDays {@code completion_after_period}: conclude this many days after the
 * first start
 */
record ScheduleChanges(ScheduledTime start, ScheduledTime end, Long visitors, Long conversions, Boolean significant,
		Long afterDays) {

	static final ScheduleChanges NONE = new ScheduleChanges(null, null, null, null, null, null);

	/** More visitors or conversions than any experiment will see: a typing mistake. */
	static final long MAX_COUNT = 1_000_000_000_000L;

	/** Ten years. */
	static final long MAX_DAYS = 3650;

	static ScheduleChanges read(Configuration configuration) {
		if (configuration == null) {
			return NONE;
		}
		return new ScheduleChanges(ScheduledTime.read("configuration.start_test_date", configuration.startTestDate()),
				ScheduledTime.read("configuration.end_test_date", configuration.endTestDate()),
				count("configuration.completion_visitor", configuration.completionVisitor(), MAX_COUNT),
				count("configuration.completion_conversion", configuration.completionConversion(), MAX_COUNT),
				configuration.completionStatsSignificantFlag(),
				count("configuration.completion_after_period", configuration.completionAfterPeriod(), MAX_DAYS));
	}

	private static Long count(String field, Long value, long max) {
		if (value != null && (value < 0 || value > max)) {
			throw ExperimentRequest.bad(field, "must be 0 (off) or a whole number up to " + max);
		}
		return value;
	}

}
