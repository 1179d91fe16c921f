package dev.uplift.schedule;

import java.time.Clock;
import java.util.Optional;

import dev.uplift.experiment.CompletionReason;
import dev.uplift.experiment.ExperimentSchedules;
import dev.uplift.experiment.RunningSchedule;
import dev.uplift.project.ProjectContext;
import dev.uplift.project.ProjectService;
import dev.uplift.results.ExperimentResult;
import dev.uplift.results.ResultQuery;
import dev.uplift.results.ResultService;
import dev.uplift.stats.ExperimentStatistics;
import dev.uplift.stats.TreatmentStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Starts the drafts whose scheduled start has come and concludes the experiments whose
 * end date, period, visitors, conversions or decision has come, at a fixed interval on
 * every node (docs/schedules.md). The moves themselves are made once whatever the number
 * of nodes ({@link ExperimentSchedules}).
 */
@Component
class ScheduleRunner {

	private static final Logger logger = LoggerFactory.getLogger(ScheduleRunner.class);

	/**
	 * The time between two looks: a scheduled start or end happens within this much of
	 * its time.
	 */
	private static final String INTERVAL = "${uplift.schedules.interval:30s}";

	private final ExperimentSchedules schedules;

	private final ProjectService projects;

	private final ResultService results;

	private final Clock clock;

	ScheduleRunner(ExperimentSchedules schedules, ProjectService projects, ResultService results, Clock clock) {
		this.schedules = schedules;
		this.projects = projects;
		this.results = results;
		this.clock = clock;
	}

	/** One look: starts and conclusions due now. */
	void run() {
		for (long testId : this.schedules.startDue()) {
			logger.info("Experiment {} started by its start_test_date", testId);
		}
		for (RunningSchedule running : this.schedules.running()) {
			CompletionReason reason = running.dueAt(this.clock.millis());
			if (reason == null && running.needsResult()) {
				reason = decidedByResult(running).orElse(null);
			}
			if (reason != null && this.schedules.conclude(running.testId(), reason)) {
				logger.info("Experiment {} concluded by its {}", running.testId(), reason.field());
			}
		}
	}

	private Optional<CompletionReason> decidedByResult(RunningSchedule running) {
		Optional<ProjectContext> project = this.projects.findById(running.projectId());
		if (project.isEmpty()) {
			return Optional.empty();
		}
		ExperimentResult result = this.results.result(project.get(), running.testId(), ResultQuery.ALL);
		if (running.completionVisitors() > 0 && result.totalVisitors() >= running.completionVisitors()) {
			return Optional.of(CompletionReason.COMPLETION_VISITOR);
		}
		if (running.completionConversions() > 0 && result.totalConversions() >= running.completionConversions()) {
			return Optional.of(CompletionReason.COMPLETION_CONVERSION);
		}
		if (running.completionSignificant() && decided(result.statistics())) {
			return Optional.of(CompletionReason.COMPLETION_STATS_SIGNIFICANT);
		}
		return Optional.empty();
	}

	/**
	 * A treatment decided by the experiment's engine, on counts whose split matches the
	 * weights: a sample-ratio mismatch says the counts cannot be trusted to decide.
	 */
	private static boolean decided(ExperimentStatistics statistics) {
		return !statistics.srm().detected()
				&& statistics.treatments().stream().anyMatch(TreatmentStatistics::significant);
	}

	@Scheduled(initialDelayString = INTERVAL, fixedDelayString = INTERVAL)
	void runLogged() {
		try {
			run();
		}
		catch (RuntimeException ex) {
			logger.warn("Schedules: looking for experiments to start or conclude failed; retrying at the next "
					+ "interval: {}", ex.toString());
		}
	}

}
