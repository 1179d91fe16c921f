package dev.uplift.experiment;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import dev.uplift.error.InvalidInput;

/**
 * The 14 goal types of the API (docs/mida-v2-api.md §3.4) and what each accepts as
 * {@code goal_value}.
 */
enum GoalType {

	PAGEVIEW("pageview"), PAGEVIEW_EXACT("pageviewExact"), PAGEVIEW_WILDCARD("pageviewWildcard"),
	PAGEVIEW_REGEX("pageviewRegex"), CLICK_ON_ELEMENT("clickOnElement"), CLICK_ON_TEXT("clickOnText"),
	EXTERNAL_LINK("externalLink"), FORM_SUBMIT("formSubmit"), ELEMENT_APPEARS("elementAppears"), SCROLLING("scrolling"),
	DURATION("duration"), EVENT("event"), REVENUE("revenue"), SCRIPT("script");

	private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

	// A day on one page is more than any visit; a larger duration is a typo
	// (milliseconds?).
	private static final int MAX_DURATION_SECONDS = 86_400;

	private final String apiName;

	GoalType(String apiName) {
		this.apiName = apiName;
	}

	String apiName() {
		return this.apiName;
	}

	/** The type with this API name; a 400 naming the valid names otherwise. */
	static GoalType of(String field, String apiName) {
		return Arrays.stream(values())
			.filter((type) -> type.apiName.equals(apiName))
			.findFirst()
			.orElseThrow(() -> new InvalidInput("'" + field + "' must be one of "
					+ Arrays.stream(values()).map(GoalType::apiName).collect(Collectors.joining(", "))));
	}

	/**
	 * Checks that a goal value means something for this type; the message names the
	 * field.
	 */
	void requireValid(String field, String value) {
		switch (this) {
			case SCROLLING -> requireWholeNumber(field, value, 1, 100, "a scroll depth in percent from 1 to 100");
			case DURATION -> requireWholeNumber(field, value, 1, MAX_DURATION_SECONDS,
					"a positive whole number of seconds (at most " + MAX_DURATION_SECONDS + ")");
			case PAGEVIEW_REGEX -> requireRegex(field, value);
			default -> {
			}
		}
	}

	private static void requireWholeNumber(String field, String value, int min, int max, String expected) {
		String digits = value.strip();
		if (!WHOLE_NUMBER.matcher(digits).matches() || Integer.parseInt(digits) < min
				|| Integer.parseInt(digits) > max) {
			throw new InvalidInput("'" + field + "' must be " + expected + ", not '" + value + "'");
		}
	}

	private static void requireRegex(String field, String value) {
		try {
			Pattern.compile(value);
		}
		catch (PatternSyntaxException ex) {
			throw new InvalidInput("'" + field + "' is not a valid regular expression: " + ex.getDescription());
		}
	}

}
