package dev.uplift.experiment;

/**
 * The rule that concluded an experiment by itself, named by the configuration field that
 * set it.
 */
public enum CompletionReason {

	END_TEST_DATE("end_test_date"), COMPLETION_AFTER_PERIOD("completion_after_period"),
	COMPLETION_VISITOR("completion_visitor"), COMPLETION_CONVERSION("completion_conversion"),
	COMPLETION_STATS_SIGNIFICANT("completion_stats_significant_flag");

	private final String field;

	CompletionReason(String field) {
		this.field = field;
	}

	/** The configuration field of the rule, as the API shows it. */
	public String field() {
		return this.field;
	}

	static CompletionReason ofField(String field) {
		if (field == null) {
			return null;
		}
		for (CompletionReason reason : values()) {
			if (reason.field.equals(field)) {
				return reason;
			}
		}
		throw new IllegalStateException("Unknown completion reason in storage: " + field);
	}

}
