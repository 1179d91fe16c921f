package dev.uplift.results;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
		ZoneId zone = zone(projectZone, query);
		EntryWindow window = EntryWindow.of(query.startDate(), query.endDate(), zone);
		Long goalId = goal.map(GoalSnapshot::goalId).orElse(null);
		SegmentQuery segments = query.segments();
		SegmentCounts counts = counts(experiment, goalId, window, zone, path(projectZone, query.offset()), segments);
		List<VariantTally> tallies = counts.totals();
		Optional<Breakdown> breakdown = segments.breakdownDimension()
			.map((dimension) -> Breakdown.of(dimension, counts.segments(), (segment) -> statistics(experiment, segment,
					MINIMUM_SEGMENT_ARM_VISITORS, experiment.sequential())));
		long end = (experiment.endedAt() != null) ? experiment.endedAt() : this.clock.millis();
		return new ExperimentResult(experiment, goal, tallies, Math.max(0, (end - experiment.createdAt()) / DAY_MS),
				statistics(experiment, tallies, 0, experiment.sequential()), breakdown);
	}

	/**
	 * The daily rows of an experiment of the project (docs/api.md §2.1); 404 when it is
	 * missing, deleted or of another project.
	 */
	public ExperimentTimeseries timeseries(ProjectContext project, long testId, ResultQuery query) {
		ExperimentSnapshot experiment = this.experiments.find(project.id(), testId)
			.orElseThrow(() -> new NotFound("Experiment", testId));
		return timeseries(experiment, project.timeZone(), query);
	}

	/**
	 * Per day of the window and variant, the visitors who entered and the visitors who
	 * first converted, with the cumulative numbers and always-valid statistics of the
	 * window up to that day. Plain queries in the project's zone read the rollups; any
	 * other offset or segment scans the window's entries.
	 */
	ExperimentTimeseries timeseries(ExperimentSnapshot experiment, ZoneId projectZone, ResultQuery query) {
		Optional<GoalSnapshot> goal = goal(experiment, query);
		ZoneId zone = zone(projectZone, query);
		EntryWindow window = EntryWindow.of(query.startDate(), query.endDate(), zone);
		Long goalId = goal.map(GoalSnapshot::goalId).orElse(null);
		SegmentQuery segments = query.segments();
		int arms = experiment.variants().size();
		DailyCounts daily = this.reads
			.execute((status) -> (segments.plain() && path(projectZone, query.offset()) == CountPath.ROLLUP)
					? this.repository.rollupDaily(experiment.testId(), goalId, window, arms)
					: scanDaily(experiment, goalId, window, zone, segments));
		LocalDate created = LocalDate.ofInstant(Instant.ofEpochMilli(experiment.createdAt()), zone);
		return ExperimentTimeseries.accumulate(experiment, goal, query, zone, created,
				LocalDate.now(this.clock.withZone(zone)), daily, (tallies) -> statistics(experiment, tallies, 0, true));
	}

	/**
	 * The goals of {@code metrics} of an experiment of the project, each counted like a
	 * result of that goal, with p-values adjusted across them; 404 when the experiment is
	 * missing, deleted or of another project.
	 */
	public ExperimentMetrics metrics(ProjectContext project, long testId, ResultQuery query, MetricQuery metrics) {
		ExperimentSnapshot experiment = this.experiments.find(project.id(), testId)
			.orElseThrow(() -> new NotFound("Experiment", testId));
		return metrics(experiment, project.timeZone(), query, metrics);
	}

	ExperimentMetrics metrics(ExperimentSnapshot experiment, ZoneId projectZone, ResultQuery query,
			MetricQuery metrics) {
		List<GoalSnapshot> definitions = metrics.goals(experiment);
		ZoneId zone = zone(projectZone, query);
		EntryWindow window = EntryWindow.of(query.startDate(), query.endDate(), zone);
		CountPath path = path(projectZone, query.offset());
		List<ExperimentMetrics.Metric> computed = new ArrayList<>();
		for (int position : metrics.positions(definitions.size())) {
			GoalSnapshot goal = definitions.get(position);
			List<VariantTally> tallies = counts(experiment, goal.goalId(), window, zone, path, query.segments())
				.totals();
			computed.add(new ExperimentMetrics.Metric(position + 1, goal, tallies,
					statistics(experiment, tallies, 0, experiment.sequential())));
		}
		List<VariantTally> visitors = computed.isEmpty()
				? counts(experiment, null, window, zone, path, query.segments()).totals() : computed.get(0).tallies();
		return ExperimentMetrics.of(experiment, definitions, visitors, computed);
	}

	/**
	 * Every variant's visitors and converters on the goal (none when goalId is null), in
	 * total and per value of the breakdown: the plain counts by the path, a segment by
	 * the index when it is current, else by scan.
	 */
	private SegmentCounts counts(ExperimentSnapshot experiment, Long goalId, EntryWindow window, ZoneId zone,
			CountPath path, SegmentQuery segments) {
		if (segments.plain()) {
			// Whole-hour zones: their days are hours of the index.
			Optional<SegmentCounts> indexed = (path == CountPath.SCAN)
					? this.index.count(experiment, goalId, window, zone, segments) : Optional.empty();
			return indexed.orElseGet(
					() -> SegmentCounts.of(this.reads.execute((status) -> count(experiment, goalId, window, path))));
		}
		return this.index.count(experiment, goalId, window, zone, segments)
			.orElseGet(() -> this.reads.execute((status) -> scanSegments(experiment, goalId, window, zone, segments)));
	}

	private static ExperimentStatistics statistics(ExperimentSnapshot experiment, List<VariantTally> tallies,
			long minimumArmVisitors, boolean sequential) {
		List<ArmCounts> arms = tallies.stream()
			.map((tally) -> new ArmCounts(tally.visitors(), tally.conversions()))
			.toList();
		Prior prior = (experiment.priorMean() != null && experiment.priorVariance() != null)
				? Prior.normal(experiment.priorMean(), experiment.priorVariance()) : Prior.flat();
		StatisticsSettings settings = new StatisticsSettings(experiment.bayesian(), experiment.confidenceInterval(),
				sequential, StatisticsSettings.DEFAULT_TUNING_SAMPLE_SIZE, prior);
		return Statistics.analyze(arms, experiment.weights(), settings, minimumArmVisitors);
	}

	/**
	 * Visitors per day of entry and converters per day of first conversion of the
	 * segment, by evaluating the filter on each entry of the window (the scan path); days
	 * read in zone.
	 */
	DailyCounts scanDaily(ExperimentSnapshot experiment, Long goalId, EntryWindow window, ZoneId zone,
			SegmentQuery segments) {
		DailyCounts daily = new DailyCounts(experiment.variants().size());
		this.repository.scanEntries(experiment.testId(), goalId, window, (row) -> {
			if (segments.filter().test(row, zone)) {
				daily.addEntries(row.variant(), epochDay(row.enteredAt(), zone), 1);
				if (segments.converts(row, window)) {
					daily.addConversions(row.variant(), epochDay(row.firstConvertedAt(), zone), 1);
				}
			}
		});
		return daily;
	}

	private static long epochDay(long epochMillis, ZoneId zone) {
		return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone).toEpochDay();
	}

	/**
	 * Counts the segment's visitors of every variant, in total and per value of the
	 * breakdown, by evaluating the filter on each entry of the window (the scan path);
	 * days and hours of the filter read in zone.
	 */
	SegmentCounts scanSegments(ExperimentSnapshot experiment, Long goalId, EntryWindow window, ZoneId zone,
			SegmentQuery segments) {
		SegmentCounts counts = new SegmentCounts(experiment.variants().size());
		Dimension breakdown = segments.breakdown();
		this.repository.scanEntries(experiment.testId(), goalId, window, (row) -> {
			if (!segments.filter().test(row, zone)) {
				return;
			}
			boolean converted = segments.converts(row, window);
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

	private static ZoneId zone(ZoneId projectZone, ResultQuery query) {
		return (query.offset() != null) ? query.offset() : projectZone;
	}

	/**
	 * The goal a query counts: the one it names, else the experiment's primary goal.
	 */
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
