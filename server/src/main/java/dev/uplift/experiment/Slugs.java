package dev.uplift.experiment;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Project-unique keys of experiments and goals: 1 to 100 characters of
 * {@code [a-z0-9_-]}.
 */
final class Slugs {

	static final int MAX_LENGTH = 100;

	private static final Pattern SLUG = Pattern.compile("[a-z0-9_-]{1," + MAX_LENGTH + "}");

	// Leaves room for a "_NNN" suffix that makes a generated key unique.
	private static final int MAX_BASE_LENGTH = 90;

	private Slugs() {
	}

	static boolean isSlug(String value) {
		return value != null && SLUG.matcher(value).matches();
	}

	/**
	 * A slug made from a display name: {@code "CTA Button Click"} becomes
	 * {@code cta_button_click}.
	 */
	static String from(String name, String fallback) {
		String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
		if (slug.length() > MAX_BASE_LENGTH) {
			slug = slug.substring(0, MAX_BASE_LENGTH).replaceAll("_+$", "");
		}
		return slug.isEmpty() ? fallback : slug;
	}

}
