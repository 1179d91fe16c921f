package dev.uplift.results;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.uplift.experiment.ExperimentService;
import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.GoalSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.VariantSnapshot;
import dev.uplift.project.ProjectContext;
import dev.uplift.stats.ArmCounts;
import dev.uplift.stats.ExperimentStatistics;
import dev.uplift.stats.Prior;
import dev.uplift.stats.Statistics;
import dev.uplift.stats.StatisticsSettings;
import dev.uplift.error.InvalidInput;
import dev.uplift.error.NotFound;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exact results of experiments for any date window (docs/api.md §2); the public API of
 * this feature.
 */
@Service
public class ResultService {

	private static final long DAY_MS = 86_400_000L;

	private final ExperimentService experiments;

	private final JdbcResultRepository repository;

	private final Clock clock;

	ResultService(ExperimentService experiments, JdbcResultRepository repository, Clock clock) {
		this.experiments = experiments;
		this.repository = repository;
		this.clock = clock;
	}

	/**
	 * The result of an experiment of the project; 404 when it is missing, deleted or of
	 * another project.
	 */
	@Transactional(readOnly = true)
	public ExperimentResult result(ProjectContext project, long testId, ResultQuery query) {
		ExperimentSnapshot experiment = this.experiments.find(project.id(), testId)
			.orElseThrow(() -> new NotFound("Experiment", testId));
		return result(experiment, project.timeZone(), query);
	}

	/**
	 * The result of an experiment already looked up, its days read in the project's zone
	 * unless the query says.
	 */
	@Transactional(readOnly = true)
	public ExperimentResult result(ExperimentSnapshot experiment, ZoneId projectZone, ResultQuery query) {
		Optional<GoalSnapshot> goal = goal(experiment, query);
		ZoneId zone = (query.offset() != null) ? query.offset() : projectZone;
		EntryWindow window = EntryWindow.of(query.startDate(), query.endDate(), zone);
		List<VariantTally> tallies = count(experiment, goal.map(GoalSnapshot::goalId).orElse(null), window,
				path(projectZone, query.offset()));
		long end = (experiment.endedAt() != null) ? experiment.endedAt() : this.clock.millis();
		return new ExperimentResult(experiment, goal, tallies, Math.max(0, (end - experiment.createdAt()) / DAY_MS),
				statistics(experiment, tallies));
	}

	private static ExperimentStatistics statistics(ExperimentSnapshot experiment, List<VariantTally> tallies) {
		List<ArmCounts> arms = tallies.stream()
			.map((tally) -> new ArmCounts(tally.visitors(), tally.conversions()))
			.toList();
		Prior prior = (experiment.priorMean() != null && experiment.priorVariance() != null)
				? Prior.normal(experiment.priorMean(), experiment.priorVariance()) : Prior.flat();
		StatisticsSettings settings = new StatisticsSettings(experiment.bayesian(), experiment.confidenceInterval(),
				experiment.sequential(), StatisticsSettings.DEFAULT_TUNING_SAMPLE_SIZE, prior);
		return Statistics.analyze(arms, experiment.weights(), settings);
	}

	/**
	 * Counts every variant of the experiment by the given path; goalId null counts no
	 * conversions.
	 */
	List<VariantTally> count(ExperimentSnapshot experiment, Long goalId, EntryWindow window, CountPath path) {
		long testId = experiment.testId();
		Map<Integer, Long> visitors = (path == CountPath.ROLLUP) ? this.repository.rollupVisitors(testId, window)
				: this.repository.scanVisitors(testId, window);
		Map<Integer, Long> converters = (goalId == null) ? Map.of()
				: (path == CountPath.ROLLUP) ? this.repository.rollupConverters(testId, goalId, window)
						: this.repository.scanConverters(testId, goalId, window);
		List<VariantTally> tallies = new ArrayList<>();
		for (VariantSnapshot variant : experiment.variants()) {
			tallies.add(new VariantTally(variant.index(), visitors.getOrDefault(variant.index(), 0L),
					converters.getOrDefault(variant.index(), 0L)));
		}
		return tallies;
	}

	/**
	 * The rollups hold days of the project's zone: any other offset takes the scan path.
	 */
	static CountPath path(ZoneId projectZone, ZoneOffset offset) {
		if (offset == null) {
			return CountPath.ROLLUP;
		}
		boolean same = projectZone.getRules().isFixedOffset()
				&& projectZone.getRules().getOffset(Instant.EPOCH).equals(offset);
		return same ? CountPath.ROLLUP : CountPath.SCAN;
	}

	private static Optional<GoalSnapshot> goal(ExperimentSnapshot experiment, ResultQuery query) {
		if (query.goalKey() != null) {
			return Optional.of(experiment.goalByKey(query.goalKey())
				.orElseThrow(() -> new InvalidInput(
						"goal_key '" + query.goalKey() + "' is not a goal of experiment " + experiment.testId())));
		}
		if (query.goalId() != null) {
			return Optional.of(experiment.goalById(query.goalId())
				.orElseThrow(() -> new InvalidInput(
						"goal_profile_id " + query.goalId() + " is not a goal of experiment " + experiment.testId())));
		}
		return experiment.primaryGoal();
	}

}
