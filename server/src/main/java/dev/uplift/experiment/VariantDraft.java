package dev.uplift.experiment;

import tools.jackson.databind.JsonNode;

import dev.uplift.error.InvalidInput;

/**
 * One arm as a request describes it; null fields are not sent (kept on update, empty on
 * create).
 *
 * @param nickname human label
 * @param customCss CSS of the arm
 * @param customJs JavaScript of the arm
 * @param data DOM changes, a JSON array as text
 */
record VariantDraft(String nickname, String customCss, String customJs, String data) {

	static final int MAX_CODE_LENGTH = 100_000;

	static final int MAX_DATA_LENGTH = 200_000;

	static final int MAX_NICKNAME_LENGTH = 200;

	/**
	 * Reads an arm object. A {@code name} other than the fixed one ({@code Variant N})
	 * becomes the nickname when no nickname is sent.
	 */
	static VariantDraft read(JsonFields variant, int index) {
		String name = variant.text("name", MAX_NICKNAME_LENGTH);
		String nickname = variant.text("nickname", MAX_NICKNAME_LENGTH);
		if (nickname == null && name != null && !name.isBlank() && !name.strip().equals(Variant.nameOf(index))) {
			nickname = name.strip();
		}
		return new VariantDraft(nickname, code(variant, "customCSS", "custom_css"),
				code(variant, "customJS", "custom_js"), data(variant));
	}

	/** The arm at this index as created from this draft. */
	Variant create(int index, double weight) {
		return new Variant(index, Variant.nameOf(index), this.nickname, weight, this.customCss, this.customJs,
				(this.data != null) ? this.data : "[]");
	}

	/** The arm with the fields this draft sends. */
	Variant applyTo(Variant variant) {
		return new Variant(variant.index(), variant.name(), orElse(this.nickname, variant.nickname()), variant.weight(),
				orElse(this.customCss, variant.customCss()), orElse(this.customJs, variant.customJs()),
				orElse(this.data, variant.data()));
	}

	private static String code(JsonFields variant, String camelCase, String snakeCase) {
		String field = variant.present(camelCase, snakeCase);
		return (field != null) ? variant.text(field, MAX_CODE_LENGTH) : null;
	}

	private static String data(JsonFields variant) {
		JsonNode data = variant.raw("data");
		if (data == null) {
			return null;
		}
		if (!data.isArray()) {
			throw variant.bad("data", "must be an array of DOM changes ([] for code-only variants)");
		}
		String text = data.toString();
		if (text.length() > MAX_DATA_LENGTH) {
			throw new InvalidInput(
					"'" + variant.name("data") + "' must have at most " + MAX_DATA_LENGTH + " characters of JSON");
		}
		return text;
	}

	private static String orElse(String value, String fallback) {
		return (value != null) ? value : fallback;
	}

}
