package dev.uplift.experiment;

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

	private static String orElse(String value, String fallback) {
		return (value != null) ? value : fallback;
	}

}
