package dev.uplift.results;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exact results of experiments for any date window (docs/api.md §2); the public API of
 * this feature.
 */
@Service
public class ResultService {

	private static final long DAY_MS = 86_400_000L;

	/**
	 * Below this many visitors in Control or a treatment, a segment's comparison is not
	 * estimable (docs/statistics.md).
	 */
	static final long MINIMUM_SEGMENT_ARM_VISITORS = 100;

	private final ExperimentService experiments;

	private final JdbcResultRepository repository;

	private final Clock clock;

	private final SegmentIndex index;

	private final TransactionTemplate reads;

	ResultService(ExperimentService experiments, JdbcResultRepository repository, SegmentIndex index,
			PlatformTransactionManager transactions, Clock clock) {
		this.experiments = experiments;
		this.repository = repository;
		this.index = index;
		this.clock = clock;
		this.reads = new TransactionTemplate(transactions);
		this.reads.setReadOnly(true);
	}

	/**
	 * The result of an experiment of the project; 404 when it is missing, deleted or of
	 * another project.
	 */
	public ExperimentResult result(ProjectContext project, long testId, ResultQuery query) {
		ExperimentSnapshot experiment = this.experiments.find(project.id(), testId)
			.orElseThrow(() -> new NotFound("Experiment", testId));
		return result(experiment, project.timeZone(), query);
	}

	/**
	 * The result of an experiment already looked up, its days read in the project's zone
	 * unless the query says. Not one transaction: the segment index reads the database's
	 * current {@code write_seq} before the counts are read, each in a transaction of its
	 * own, so that a request never holds two connections.
	 */
	public ExperimentResult result(ExperimentSnapshot experiment, ZoneId projectZone, ResultQuery query) {
		Optional<GoalSnapshot> goal = goal(experiment, query);
		ZoneId zone = (query.offset() != null) ? query.offset() : projectZone;
		ReportPhase phase = ReportPhase.resolve(query.phase(), experiment);
		EntryWindow dates = EntryWindow.of(query.startDate(), query.endDate(), zone);
		EntryWindow window = phase.narrow(dates, experiment.deployedAt());
		// A phase split mid-day or mid-hour: only the scan reads instants
		// (docs/decisions.md#serving-a-winner).
		boolean narrowed = !window.equals(dates);
		Long goalId = goal.map(GoalSnapshot::goalId).orElse(null);
		SegmentQuery segments = query.segments();
		List<VariantTally> tallies;
		Optional<Breakdown> breakdown = Optional.empty();
		CountPath path = narrowed ? CountPath.SCAN : path(projectZone, query.offset());
		double[] weights = phase.expectedWeights(experiment);
		if (segments.plain()) {
			// Whole-hour zones: their days are hours of the index.
			Optional<SegmentCounts> indexed = (path == CountPath.SCAN && !narrowed)
					? this.index.count(experiment, goalId, window, zone, segments) : Optional.empty();
			tallies = indexed.map(SegmentCounts::totals)
				.orElseGet(() -> this.reads.execute((status) -> count(experiment, goalId, window, path)));
		}
		else {
			SegmentCounts counts = (narrowed ? Optional.<SegmentCounts>empty()
					: this.index.count(experiment, goalId, window, zone, segments))
				.orElseGet(
						() -> this.reads.execute((status) -> scanSegments(experiment, goalId, window, zone, segments)));
			tallies = counts.totals();
			breakdown = segments.breakdownDimension()
				.map((dimension) -> Breakdown.of(dimension, counts.segments(),
						(segment) -> statistics(experiment, weights, segment, MINIMUM_SEGMENT_ARM_VISITORS)));
		}
		long end = (experiment.endedAt() != null) ? experiment.endedAt() : this.clock.millis();
		return new ExperimentResult(experiment, goal, tallies, Math.max(0, (end - experiment.createdAt()) / DAY_MS),
				statistics(experiment, weights, tallies, 0), breakdown, phase);
	}

	private static ExperimentStatistics statistics(ExperimentSnapshot experiment, double[] weights,
			List<VariantTally> tallies, long minimumArmVisitors) {
		List<ArmCounts> arms = tallies.stream()
			.map((tally) -> new ArmCounts(tally.visitors(), tally.conversions()))
			.toList();
		Prior prior = (experiment.priorMean() != null && experiment.priorVariance() != null)
				? Prior.normal(experiment.priorMean(), experiment.priorVariance()) : Prior.flat();
		StatisticsSettings settings = new StatisticsSettings(experiment.bayesian(), experiment.confidenceInterval(),
				experiment.sequential(), StatisticsSettings.DEFAULT_TUNING_SAMPLE_SIZE, prior);
		return Statistics.analyze(arms, weights, settings, minimumArmVisitors);
	}

	/**
	 * Counts the segment's visitors of every variant, in total and per value of the
	 * breakdown, by evaluating the filter on each entry of the window (the scan path);
	 * days and hours of the filter read in zone.
	 */
	SegmentCounts scanSegments(ExperimentSnapshot experiment, Long goalId, EntryWindow window, ZoneId zone,
			SegmentQuery segments) {
		SegmentCounts counts = new SegmentCounts(experiment.variants().size());
		if (window.fromMillis() >= window.toMillis()) {
			return counts;
		}
		Dimension breakdown = segments.breakdown();
		long timeframe = segments.timeframeDays() * DAY_MS;
		this.repository.scanEntries(experiment.testId(), goalId, window, (row) -> {
			if (!segments.filter().test(row, zone)) {
				return;
			}
			boolean converted = row.firstConvertedAt() < window.toMillis() && row.conversions() >= segments.minCount()
					&& (timeframe == 0 || row.firstConvertedAt() - row.enteredAt() < timeframe);
			String segment = (breakdown == null) ? null
					: Objects.requireNonNullElse(row.value(breakdown), Dimension.UNKNOWN);
			counts.add(row.variant(), segment, converted);
		});
		return counts;
	}

	/**
	 * Counts every variant of the experiment by the given path; goalId null counts no
	 * conversions.
	 */
	List<VariantTally> count(ExperimentSnapshot experiment, Long goalId, EntryWindow window, CountPath path) {
		long testId = experiment.testId();
		// An empty phase (post_deploy before any deploy) reads nothing.
		boolean empty = path == CountPath.SCAN && window.fromMillis() >= window.toMillis();
		Map<Integer, Long> visitors = empty ? Map.of() : (path == CountPath.ROLLUP)
				? this.repository.rollupVisitors(testId, window) : this.repository.scanVisitors(testId, window);
		Map<Integer, Long> converters = (goalId == null || empty) ? Map.of()
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
