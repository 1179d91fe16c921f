package dev.uplift.experiment;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of experiment Uplift runs ({@code test_type}, docs/mida-v2-api.md §4.2), with
 * the code the API and the {@code test_type} column use.
 */
public enum TestType {

	/** Variants of the same pages: the script changes each page for the visitor's arm. */
	ABTEST("abtest"),

	/**
	 * Split-URL: each treatment is another address, to which the script sends its
	 * visitors ({@link Redirect}); Control stays on the experiment's pages.
	 */
	SPLIT("split");

	private final String code;

	TestType(String code) {
		this.code = code;
	}

	/** The code of the API and of the column: {@code abtest} or {@code split}. */
	public String code() {
		return this.code;
	}

	/** The type of this code, if Uplift runs it. */
	static Optional<TestType> ofCode(String code) {
		return Arrays.stream(values()).filter((type) -> type.code.equals(code)).findFirst();
	}

}
