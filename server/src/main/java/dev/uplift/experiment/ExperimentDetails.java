package dev.uplift.experiment;

import java.util.List;
import java.util.Optional;

import dev.uplift.experiment.JdbcExperimentGoalRepository.AttachedGoal;

/**
 * An experiment with its arms, Control first, and its goals that are not deleted, primary
 * first, and its serving state (null when it never served a winner).
 */
record ExperimentDetails(Experiment experiment, List<Variant> variants, List<AttachedGoal> goals,
		JdbcServingRepository.State serving) {

	ExperimentDetails {
		variants = List.copyOf(variants);
		goals = List.copyOf(goals);
	}

	/** The winner served now, or null. */
	ExperimentSnapshot.Serving servingNow() {
		return (this.serving != null) ? this.serving.serving() : null;
	}

	Optional<Goal> primaryGoal() {
		return this.goals.stream().filter(AttachedGoal::primary).map(AttachedGoal::goal).findFirst();
	}

	List<Goal> secondaryGoals() {
		return this.goals.stream().filter((goal) -> !goal.primary()).map(AttachedGoal::goal).toList();
	}

	ExperimentSnapshot snapshot() {
		Experiment e = this.experiment;
		Settings settings = e.settings();
		return new ExperimentSnapshot(e.id(), e.projectId(), e.key(), e.name(), e.status(), e.completed(),
				e.createdAt(), e.endedAt(), settings.trafficAllocation(), settings.confidenceInterval(),
				settings.bayesian(), settings.sequential(), settings.priorMean(), settings.priorVariance(),
				this.variants.stream().map(Variant::snapshot).toList(),
				this.goals.stream().map((goal) -> goal.goal().snapshot(goal.primary())).toList(), e.url(),
				e.pageRules().rules(), e.customJs(), e.customCss(), e.hashSeed(), e.hashVersion(), e.targeting(),
				(this.serving != null) ? this.serving.serving() : null,
				(this.serving != null) ? this.serving.deployedAt() : null, e.testType());
	}

}
