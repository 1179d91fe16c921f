package dev.uplift.results;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

import dev.uplift.error.InvalidInput;
import dev.uplift.web.PathId;

/**
 * What a result request asks for (docs/api.md §2), validated.
 *
 * @param startDate first day of the entry window, inclusive, or null
 * @param endDate last day of the window, inclusive, or null
 * @param goalKey goal to count, by key, or null
 * @param goalId goal to count, by {@code goal_profile_id}, or null
 * @param offset the {@code tz} hour offset the days are read in, or null for the
 * project's time zone
 * @param segments who is counted, what a conversion needs, and the breakdown
 * @param phase the {@code report_phase} asked for, or null for the experiment's default
 */
public record ResultQuery(LocalDate startDate, LocalDate endDate, String goalKey, Long goalId, ZoneOffset offset,
		SegmentQuery segments, ReportPhase phase) {

	/**
	 * All data of the default phase, the primary goal, in the project's time zone,
	 * everyone.
	 */
	public static final ResultQuery ALL = new ResultQuery(null, null, null, null, null, SegmentQuery.NONE, null);

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
		.withResolverStyle(ResolverStyle.STRICT);

	// The formatter alone also takes a signed year of up to nine digits
	// (+999999999-12-31), whose instant is beyond what epoch milliseconds hold.
	private static final Pattern DATE_SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

	public ResultQuery {
		segments = (segments != null) ? segments : SegmentQuery.NONE;
		if (startDate != null && endDate != null && startDate.isAfter(endDate)) {
			throw new InvalidInput("start_date " + startDate + " is after end_date " + endDate);
		}
	}

	/**
	 * Parses the query parameters of the result route; every malformed value is a 400
	 * naming it.
	 */
	public static ResultQuery parse(String startDate, String endDate, String goalKey, String goalProfileId, String tz) {
		return new ResultQuery(date("start_date", startDate), date("end_date", endDate), blankToNull(goalKey),
				goalId(goalProfileId), offset(tz), SegmentQuery.NONE, null);
	}

	/** The same query counting the goal with this key. */
	ResultQuery counting(String goalKey) {
		return new ResultQuery(this.startDate, this.endDate, goalKey, null, this.offset, this.segments, this.phase);
	}

	/** The same query counting only the segment's visitors, as it defines them. */
	ResultQuery with(SegmentQuery segments) {
		return new ResultQuery(this.startDate, this.endDate, this.goalKey, this.goalId, this.offset, segments,
				this.phase);
	}

	/** The same query for one report phase (null: the experiment's default). */
	public ResultQuery with(ReportPhase phase) {
		return new ResultQuery(this.startDate, this.endDate, this.goalKey, this.goalId, this.offset, this.segments,
				phase);
	}

	private static LocalDate date(String name, String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			if (!DATE_SHAPE.matcher(value).matches()) {
				throw new DateTimeParseException("not YYYY-MM-DD", value, 0);
			}
			return LocalDate.parse(value, DATE);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInput(name + " must be a calendar date as YYYY-MM-DD, got '" + value + "'");
		}
	}

	private static Long goalId(String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		return PathId.parse("goal_profile_id", value);
	}

	/**
	 * Mida's {@code tz}: an hour offset such as {@code 0}, {@code +8}, {@code -5} or
	 * {@code 5.5}.
	 */
	private static ZoneOffset offset(String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			// An unencoded "+8" in a query string arrives as " 8".
			String trimmed = value.strip();
			BigDecimal hours = new BigDecimal(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
			BigDecimal seconds = hours.multiply(BigDecimal.valueOf(3600));
			if (hours.abs().compareTo(BigDecimal.valueOf(18)) > 0
					|| seconds.remainder(BigDecimal.valueOf(900)).signum() != 0) {
				throw new NumberFormatException();
			}
			return ZoneOffset.ofTotalSeconds(seconds.intValueExact());
		}
		catch (NumberFormatException | ArithmeticException ex) {
			throw new InvalidInput("tz",
					"tz must be an hour offset between -18 and +18 in quarter hours (e.g. 0, +8, -5, 5.5), got '"
							+ value + "'");
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
