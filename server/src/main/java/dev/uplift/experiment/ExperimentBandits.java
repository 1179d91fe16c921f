package dev.uplift.experiment;

import java.util.List;

import dev.uplift.project.ProjectContext;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The multi-armed bandits and their re-allocations
 * (docs/statistics.md#multi-armed-bandits). Every node may re-allocate at once: a
 * re-allocation is recorded once per experiment and day, so one node's split is the day's
 * and the others find it recorded.
 */
@Service
public class ExperimentBandits {

	private final JdbcBanditRepository bandits;

	private final ExperimentService experiments;

	ExperimentBandits(JdbcBanditRepository bandits, ExperimentService experiments) {
		this.bandits = bandits;
		this.experiments = experiments;
	}

	/** The bandits that may be re-allocated: live, not concluded, serving no winner. */
	@Transactional(readOnly = true)
	public List<RunningBandit> running() {
		return this.bandits.running();
	}

	/**
	 * Records the re-allocation unless one of its day is recorded already; whether this
	 * call recorded it.
	 */
	@Transactional
	public boolean reallocate(long testId, Reallocation reallocation) {
		return this.bandits.record(testId, reallocation);
	}

	/**
	 * The splits an experiment of the project ran under; 404 when it is missing or
	 * deleted, and a starting split only when it is no bandit.
	 */
	@Transactional(readOnly = true)
	public BanditHistory history(ProjectContext project, long testId) {
		return history(this.experiments.details(project, testId));
	}

	/** The splits of an experiment already looked up. */
	@Transactional(readOnly = true)
	public BanditHistory history(ExperimentSnapshot experiment) {
		ExperimentDetails details = this.experiments.details(experiment.projectId(), experiment.testId());
		return history(details);
	}

	private BanditHistory history(ExperimentDetails details) {
		double[] starting = details.variants().stream().mapToDouble(Variant::weight).toArray();
		return new BanditHistory(details.bandit() != null, starting,
				(details.bandit() != null) ? this.bandits.history(details.experiment().id()) : List.of());
	}

}
