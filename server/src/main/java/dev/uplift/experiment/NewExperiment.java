package dev.uplift.experiment;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An experiment another feature asks {@link ExperimentAuthoring} to create (the demo's),
 * checked by the rules of Create Experiment.
 *
 * @param name its name
 * @param key its experiment key
 * @param page the one page it runs on, an address or a path
 * @param treatments its treatments (Control is added)
 * @param primaryGoal its primary goal, found by key or created
 * @param secondaryGoals its secondary goals, found by key or created
 * @param live whether it starts live (else as a draft)
 */
public record NewExperiment(String name, String key, String page, List<Treatment> treatments, Goal primaryGoal,
		List<Goal> secondaryGoals, boolean live) {

	public NewExperiment {
		treatments = List.copyOf(treatments);
		secondaryGoals = List.copyOf(secondaryGoals);
	}

	/**
	 * A treatment that changes the page by CSS.
	 *
	 * @param nickname its label
	 * @param css its CSS
	 */
	public record Treatment(String nickname, String css) {
	}

	/**
	 * A goal of an engagement kind.
	 *
	 * @param name its name
	 * @param key its key
	 * @param type its goal type ({@code clickOnElement}, {@code formSubmit},
	 * {@code pageview}, ...)
	 * @param value the value it matches
	 */
	public record Goal(String name, String key, String type, String value) {

		GoalRequest request() {
			return new GoalRequest(this.name, this.type, this.value, this.key, "engage", null);
		}

	}

	/** The same experiment as a Create Experiment request. */
	ExperimentRequest request() {
		List<JsonNode> pages = List.of(JsonNodeFactory.instance.stringNode(this.page));
		List<VariantRequest> variants = this.treatments.stream()
			.map((treatment) -> new VariantRequest(null, treatment.nickname(), treatment.css(), null, null, null, null,
					null))
			.toList();
		return new ExperimentRequest(this.name, null, pages, variants, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, this.key,
				(this.live ? ExperimentStatus.LIVE : ExperimentStatus.DRAFT).code(),
				(this.primaryGoal != null) ? this.primaryGoal.request() : null,
				this.secondaryGoals.stream().map(Goal::request).toList(), null, null, null, null, null);
	}

}
