package dev.uplift.results;

import dev.uplift.error.InvalidInput;
import dev.uplift.experiment.ExperimentSnapshot;

/**
 * Which period of an experiment a result counts ({@code report_phase}), split at the
 * instant a winner was first served, D (docs/decisions.md#serving-a-winner): each visitor
 * belongs to the phase they entered in.
 */
public enum ReportPhase {

	/**
	 * The A/B period: visitors who entered before D, and only their conversions and
	 * orders before D, while they still saw their own arm. All data when no winner was
	 * ever served.
	 */
	PRE_DEPLOY("pre_deploy"),

	/**
	 * Visitors who entered at or after D, with their conversions; nothing when no winner
	 * was ever served.
	 */
	POST_DEPLOY("post_deploy"),

	/** Every visitor and conversion. */
	ALL_TIME("all_time");

	private final String apiName;

	ReportPhase(String apiName) {
		this.apiName = apiName;
	}

	/** The name the API reads and writes. */
	public String apiName() {
		return this.apiName;
	}

	/**
	 * The phase a request names, or null when it names none; anything else is a 400
	 * naming {@code report_phase}.
	 */
	public static ReportPhase parse(String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		for (ReportPhase phase : values()) {
			if (phase.apiName.equals(value)) {
				return phase;
			}
		}
		throw new InvalidInput("report_phase",
				"report_phase must be pre_deploy, post_deploy or all_time, got '" + value + "'");
	}

	/**
	 * The phase asked for, or the default: {@code pre_deploy} while a winner is served
	 * (docs/mida-v2-api.md §3.6), {@code all_time} otherwise.
	 */
	static ReportPhase resolve(ReportPhase asked, ExperimentSnapshot experiment) {
		if (asked != null) {
			return asked;
		}
		return experiment.isServing() ? PRE_DEPLOY : ALL_TIME;
	}

	/**
	 * The window narrowed to this phase in instants: entries and first conversions before
	 * D for {@code pre_deploy}, entries at or after D for {@code post_deploy}. Its days
	 * are kept, so only the scan path, which reads instants, may count a narrowed window.
	 * @param window the dates asked for
	 * @param deployedAt D (epoch ms), or null when no winner was ever served
	 */
	EntryWindow narrow(EntryWindow window, Long deployedAt) {
		return switch (this) {
			case ALL_TIME -> window;
			case PRE_DEPLOY -> (deployedAt == null || deployedAt >= window.toMillis()) ? window
					: new EntryWindow(window.fromDay(), window.toDay(), window.fromMillis(), deployedAt);
			case POST_DEPLOY ->
				(deployedAt != null && deployedAt <= window.fromMillis()) ? window : new EntryWindow(window.fromDay(),
						window.toDay(), (deployedAt != null) ? deployedAt : Long.MAX_VALUE, window.toMillis());
		};
	}

	/**
	 * Whether the revenue of this phase leaves out the orders placed at or after D:
	 * {@code pre_deploy} once a winner was served, whose conversions stop at D too
	 * (docs/decisions.md#revenue).
	 * @param deployedAt D (epoch ms), or null when no winner was ever served
	 */
	boolean leavesOutOrdersAfterDeploy(Long deployedAt) {
		return this == PRE_DEPLOY && deployedAt != null;
	}

	/**
	 * The weights the sample-ratio check expects: all on the winner for
	 * {@code post_deploy} while one is served (only its rollout share enters then), the
	 * configured split otherwise.
	 */
	double[] expectedWeights(ExperimentSnapshot experiment) {
		double[] weights = experiment.weights();
		if (this == POST_DEPLOY && experiment.isServing()) {
			double[] winner = new double[weights.length];
			winner[experiment.serving().variant()] = 1;
			return winner;
		}
		return weights;
	}

}
