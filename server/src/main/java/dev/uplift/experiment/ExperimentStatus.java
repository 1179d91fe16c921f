package dev.uplift.experiment;

import dev.uplift.error.InvalidInput;

/**
 * Where an experiment is in its life-cycle, with the code and label the API and the
 * database use for it.
 */
public enum ExperimentStatus {

	/** Being set up: assigns no visitor, and its arms and seed can still change. */
	DRAFT(9, "draft"),

	/** Assigning visitors and collecting events. */
	LIVE(1, "live"),

	/** Paused, or concluded: assigns no visitor, keeps its data. */
	INACTIVE(0, "inactive");

	private final int code;

	private final String label;

	ExperimentStatus(int code, String label) {
		this.code = code;
		this.label = label;
	}

	/** The code of the API and of the {@code status} column: 9, 1 or 0. */
	public int code() {
		return this.code;
	}

	/** The label of the API: {@code draft}, {@code live} or {@code inactive}. */
	public String label() {
		return this.label;
	}

	/** The status stored under this code. */
	static ExperimentStatus ofCode(int code) {
		for (ExperimentStatus status : values()) {
			if (status.code == code) {
				return status;
			}
		}
		throw new IllegalStateException("Unknown experiment status code " + code);
	}

	/** The status a client sent in {@code field}: 0, 1 or 9. */
	static ExperimentStatus fromClient(String field, Integer code) {
		for (ExperimentStatus status : values()) {
			if (code != null && status.code == code) {
				return status;
			}
		}
		throw new InvalidInput(field, "'" + field + "' must be 0 (inactive), 1 (live) or 9 (draft)");
	}

}
