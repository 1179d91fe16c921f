package dev.uplift.experiment;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

import tools.jackson.databind.JsonNode;

/**
 * A date of {@code start_test_date} or {@code end_test_date} as sent: an instant when it
 * names its offset, else a local date and time read in the project's zone when stored. A
 * date alone means its first moment.
 *
 * @param local the local date and time, or null for a date cleared by {@code null}
 * @param offset its offset when the client gave one, else null
 */
record ScheduledTime(LocalDateTime local, ZoneOffset offset) {

	/** A date sent as {@code null} or {@code ""}: no scheduled time any more. */
	static final ScheduledTime CLEARED = new ScheduledTime(null, null);

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_DATE_TIME;

	private static final int FIRST_YEAR = 2000;

	private static final int LAST_YEAR = 9999;

	/** The time a field sent, null when not sent, {@link #CLEARED} when sent empty. */
	static ScheduledTime read(String field, JsonNode value) {
		if (value == null) {
			return null;
		}
		if (value.isNull() || (value.isString() && value.asString().isBlank())) {
			return CLEARED;
		}
		if (!value.isString()) {
			throw ExperimentRequest.bad(field, "must be a string with an ISO 8601 date or date and time");
		}
		String text = value.asString().strip();
		ScheduledTime time;
		try {
			time = parse(text.length() > 10 && text.charAt(10) == ' ' ? text.replace(' ', 'T') : text);
		}
		catch (DateTimeParseException ex) {
			throw ExperimentRequest.bad(field, "must be an ISO 8601 date (2026-12-24) or date and time "
					+ "(2026-12-24T09:00:00Z, or without an offset in the project's time zone); got '" + text + "'");
		}
		int year = time.local().getYear();
		if (year < FIRST_YEAR || year > LAST_YEAR) {
			throw ExperimentRequest.bad(field, "must be a year from " + FIRST_YEAR + " to " + LAST_YEAR);
		}
		return time;
	}

	private static ScheduledTime parse(String text) {
		if (text.length() == 10) {
			return new ScheduledTime(LocalDate.parse(text).atStartOfDay(), null);
		}
		TemporalAccessor parsed = DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
		if (parsed instanceof OffsetDateTime withOffset) {
			return new ScheduledTime(withOffset.toLocalDateTime(), withOffset.getOffset());
		}
		return new ScheduledTime((LocalDateTime) parsed, null);
	}

	/** Epoch milliseconds of this time, read in the zone when it has no offset. */
	Long at(ZoneId zone) {
		if (this.local == null) {
			return null;
		}
		return this.local.atZone((this.offset != null) ? this.offset : zone).toInstant().toEpochMilli();
	}

}
