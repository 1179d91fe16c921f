package dev.uplift.experiment;

import java.time.Clock;

import dev.uplift.error.InvalidInput;
import dev.uplift.experiment.ExperimentSnapshot.Serving;
import dev.uplift.project.ProjectChanged;
import dev.uplift.project.ProjectContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Status changes, conclusion, deletion, sharing of experiments, and serving their
 * winners.
 */
@Service
class ExperimentLifecycle {

	private final ExperimentService reads;

	private final JdbcExperimentRepository experiments;

	private final JdbcScheduleRepository schedules;

	private final JdbcServingRepository serving;

	private final ApplicationEventPublisher events;

	private final JdbcConclusionRepository conclusions;

	private final Clock clock;

	ExperimentLifecycle(ExperimentService reads, JdbcExperimentRepository experiments, JdbcScheduleRepository schedules,
			JdbcServingRepository serving, ApplicationEventPublisher events, JdbcConclusionRepository conclusions,
			Clock clock) {
		this.reads = reads;
		this.experiments = experiments;
		this.schedules = schedules;
		this.serving = serving;
		this.events = events;
		this.conclusions = conclusions;
		this.clock = clock;
	}

	/** Moves the experiment to the target status; the current status again is a no-op. */
	@Transactional
	StatusChange changeStatus(ProjectContext project, long testId, ExperimentStatus target) {
		this.events.publishEvent(new ProjectChanged(project.id()));
		Experiment experiment = this.reads.get(project, testId);
		if (target == ExperimentStatus.DRAFT && experiment.status() != ExperimentStatus.DRAFT
				&& servingNow(testId) != null) {
			throw new ExperimentStateConflict(testId, "serving",
					"is serving a winner: a draft cannot serve; stop serving first");
		}
		Experiment changed = save(experiment, switch (target) {
			case LIVE -> experiment.start();
			case INACTIVE -> experiment.pause();
			case DRAFT -> experiment.reopen();
		});
		if (changed.status() == ExperimentStatus.LIVE && experiment.status() != ExperimentStatus.LIVE) {
			this.schedules.markStarted(testId, this.clock.millis());
		}
		return new StatusChange(testId, target, experiment.status());
	}

	/**
	 * Concludes the experiment with the winner and note of the request; a concluded
	 * experiment keeps its first end and its first conclusion.
	 */
	@Transactional
	Concluded conclude(ProjectContext project, long testId, ConcludeRequest request) {
		this.events.publishEvent(new ProjectChanged(project.id()));
		ExperimentDetails details = this.reads.details(project, testId);
		Experiment experiment = details.experiment();
		Conclusion conclusion = request.conclusion(details.variants().size());
		if (!experiment.completed()) {
			this.conclusions.insert(testId, conclusion, this.clock.millis());
		}
		Experiment concluded = save(experiment, experiment.conclude(this.clock.millis()));
		return new Concluded(concluded, conclusion(testId));
	}

	/**
	 * How the experiment was concluded; {@link Conclusion#NONE} when it was not, or
	 * without a body.
	 */
	Conclusion conclusion(long testId) {
		return this.conclusions.find(testId).orElse(Conclusion.NONE);
	}

	/** Hides the experiment from every read; its rows and data stay in storage. */
	@Transactional
	Experiment delete(ProjectContext project, long testId) {
		this.events.publishEvent(new ProjectChanged(project.id()));
		Experiment experiment = this.reads.get(project, testId);
		this.experiments.delete(testId, this.clock.millis());
		return experiment;
	}

	/**
	 * Serves one arm to a share of the experiment's visitors on its own row; a draft
	 * cannot, nor can an experiment that serves a winner already.
	 */
	@Transactional
	Serving serve(ProjectContext project, long testId, int variant, Double rollout) {
		this.events.publishEvent(new ProjectChanged(project.id()));
		ExperimentDetails details = this.reads.details(project, testId);
		if (details.experiment().status() == ExperimentStatus.DRAFT) {
			throw new ExperimentStateConflict(testId, ExperimentStatus.DRAFT.label(),
					"is a draft (9): it has no results to pick a winner from; start it first");
		}
		if (variant >= details.variants().size()) {
			throw new InvalidInput("variant_id", "variant_id '" + variant + "' is not a variant of experiment " + testId
					+ " (0 to " + (details.variants().size() - 1) + ")");
		}
		// Without a rollout of its own, the winner goes to the share the experiment took.
		double share = (rollout != null) ? rollout : details.experiment().settings().trafficAllocation();
		long now = this.clock.millis();
		if (!this.serving.serve(testId, variant, share, now)) {
			throw servingConflict(testId, true);
		}
		return new Serving(variant, share, now);
	}

	/** Changes the share of visitors who get the served winner. */
	@Transactional
	Serving changeRollout(ProjectContext project, long testId, double rollout) {
		this.events.publishEvent(new ProjectChanged(project.id()));
		this.reads.get(project, testId);
		if (!this.serving.rollout(testId, rollout)) {
			throw servingConflict(testId, false);
		}
		return servingNow(testId);
	}

	/**
	 * Stops serving the winner: the experiment splits its visitors as configured again.
	 */
	@Transactional
	void stopServing(ProjectContext project, long testId) {
		this.events.publishEvent(new ProjectChanged(project.id()));
		this.reads.get(project, testId);
		if (!this.serving.stop(testId)) {
			throw servingConflict(testId, false);
		}
	}

	private Serving servingNow(long testId) {
		return this.serving.find(testId).map(JdbcServingRepository.State::serving).orElse(null);
	}

	private static ExperimentStateConflict servingConflict(long testId, boolean alreadyServing) {
		return alreadyServing
				? new ExperimentStateConflict(testId, "serving",
						"serves a winner already: change its share with PATCH .../serving-rollout, "
								+ "or stop serving first")
				: new ExperimentStateConflict(testId, "not serving", "serves no winner");
	}

	/** Turns the public share link on, keeping the token when it is on already. */
	@Transactional
	Experiment share(ProjectContext project, long testId) {
		Experiment experiment = this.reads.get(project, testId);
		return (experiment.shareToken() != null) ? experiment
				: save(experiment, experiment.withShareToken(ShareToken.random()));
	}

	/** Turns the public share link off; the old token stops working for good. */
	@Transactional
	Experiment unshare(ProjectContext project, long testId) {
		Experiment experiment = this.reads.get(project, testId);
		return save(experiment, experiment.withShareToken(null));
	}

	private Experiment save(Experiment current, Experiment changed) {
		if (!changed.equals(current)) {
			this.experiments.update(changed, this.clock.millis());
		}
		return changed;
	}

	/** A concluded experiment and how it was concluded. */
	record Concluded(Experiment experiment, Conclusion conclusion) {
	}

	/** The outcome of a status request. */
	record StatusChange(long testId, ExperimentStatus status, ExperimentStatus previousStatus) {
	}

}
