package dev.uplift.results;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * One condition of a segment: a criterion, an operator and the value compared with.
 * Attributes compare without regard to case, visitor ids exactly; an absent attribute
 * neither equals nor contains anything, so {@code !=} and {@code !*} hold for it.
 *
 * @param criterion what is tested
 * @param operator how
 * @param value the value, lower case for attributes, null for {@code ex} and {@code nx}
 */
record Condition(Criterion criterion, Operator operator, String value) {

	Condition {
		if (value != null && criterion != Criterion.VISITOR_ID) {
			value = value.toLowerCase(Locale.ROOT);
		}
	}

	/** Whether the visitor's entry meets the condition; days and hours read in zone. */
	boolean test(SegmentRow row, ZoneId zone) {
		if (this.criterion.temporal()) {
			return matchesNumber(localNumber(row.enteredAt(), zone));
		}
		return matchesText(
				this.criterion.dimension().isPresent() ? row.value(this.criterion.dimension().get()) : row.visitorId());
	}

	/** The entry's local day of week (0 = Monday) or hour, as the criterion reads it. */
	int localNumber(long enteredAt, ZoneId zone) {
		ZonedDateTime local = Instant.ofEpochMilli(enteredAt).atZone(zone);
		return (this.criterion == Criterion.DAY_OF_WEEK) ? local.getDayOfWeek().getValue() - 1 : local.getHour();
	}

	/** The test on one attribute value or visitor id, null when absent. */
	boolean matchesText(String text) {
		String subject = (text == null || this.criterion == Criterion.VISITOR_ID) ? text
				: text.toLowerCase(Locale.ROOT);
		return switch (this.operator) {
			case EQUALS -> subject != null && subject.equals(this.value);
			case NOT_EQUALS -> subject == null || !subject.equals(this.value);
			case CONTAINS -> subject != null && subject.contains(this.value);
			case NOT_CONTAINS -> subject == null || !subject.contains(this.value);
			case EXISTS -> subject != null && !subject.isEmpty();
			case NOT_EXISTS -> subject == null || subject.isEmpty();
			default -> throw new IllegalStateException(this.operator + " does not compare text");
		};
	}

	/** The test on an entry's day of week or hour. */
	boolean matchesNumber(int number) {
		return switch (this.operator) {
			case EXISTS -> true;
			case NOT_EXISTS -> false;
			case CONTAINS, NOT_CONTAINS -> matchesText(Integer.toString(number));
			default -> compare(Integer.compare(number, Integer.parseInt(this.value)));
		};
	}

	private boolean compare(int sign) {
		return switch (this.operator) {
			case EQUALS -> sign == 0;
			case NOT_EQUALS -> sign != 0;
			case GREATER -> sign > 0;
			case GREATER_OR_EQUAL -> sign >= 0;
			case LESS -> sign < 0;
			case LESS_OR_EQUAL -> sign <= 0;
			default -> throw new IllegalStateException(this.operator + " does not order numbers");
		};
	}

}
