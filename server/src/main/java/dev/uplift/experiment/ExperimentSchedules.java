package dev.uplift.experiment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.uplift.project.ProjectChanged;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts and concludes experiments by their schedules and completion rules
 * (docs/schedules.md). Every node may run these at once: each move is a compare-and-set
 * of the experiment's state, so one node makes it and the others find it made.
 */
@Service
public class ExperimentSchedules {

	private final JdbcScheduleRepository schedules;

	private final JdbcExperimentRepository experiments;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ExperimentSchedules(JdbcScheduleRepository schedules, JdbcExperimentRepository experiments,
			ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock) {
		this.schedules = schedules;
		this.experiments = experiments;
		this.events = events;
		this.transactions = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/** Starts every draft whose scheduled start has come; the ones this call started. */
	public List<Long> startDue() {
		long now = this.clock.millis();
		List<Long> started = new ArrayList<>();
		for (long testId : this.schedules.dueStarts(now)) {
			if (Boolean.TRUE.equals(this.transactions.execute((status) -> move(testId, Experiment::start, now)))) {
				started.add(testId);
			}
		}
		return started;
	}

	/** The live or paused experiments that a rule may conclude. */
	public List<RunningSchedule> running() {
		return this.schedules.running();
	}

	/**
	 * Concludes the experiment for this reason, unless a person or another node did
	 * first; whether this call concluded it.
	 */
	public boolean conclude(long testId, CompletionReason reason) {
		long now = this.clock.millis();
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			boolean concluded = move(testId, (experiment) -> experiment.conclude(now), now);
			if (concluded) {
				this.schedules.completedBy(testId, reason);
			}
			return concluded;
		}));
	}

	/** The experiment's schedule, {@link Schedule#NONE} when it has none. */
	Schedule find(long testId) {
		return this.schedules.find(testId).orElse(Schedule.NONE);
	}

	private boolean move(long testId, UnaryOperator<Experiment> change, long now) {
		Optional<Experiment> found = this.experiments.findInAnyProject(testId);
		if (found.isEmpty()) {
			return false;
		}
		Experiment from = found.get();
		Experiment to = change.apply(from);
		if (to.equals(from) || !this.experiments.changeLifecycle(from, to, now)) {
			return false;
		}
		if (to.status() == ExperimentStatus.LIVE) {
			this.schedules.markStarted(testId, now);
		}
		this.events.publishEvent(new ProjectChanged(from.projectId()));
		return true;
	}

}
