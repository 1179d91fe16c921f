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
import dev.uplift.project.ProjectService;
import dev.uplift.results.JdbcResultRepository.ConversionSums;
import dev.uplift.stats.ArmCounts;
import dev.uplift.stats.ExperimentStatistics;
import dev.uplift.stats.Prior;
import dev.uplift.stats.RevenueComparison;
import dev.uplift.stats.RevenuePerVisitor;
import dev.uplift.stats.RevenueSample;
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

	private final ProjectService projects;

	ResultService(ExperimentService experiments, JdbcResultRepository repository, SegmentIndex index,
			PlatformTransactionManager transactions, Clock clock, ProjectService projects) {
		this.experiments = experiments;
		this.projects = projects;
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
		Optional<SelectedGoal> selected = selectGoal(experiment, query.goalKey(), query.goalId());
		Optional<GoalSnapshot> goal = selected.map(SelectedGoal::goal);
		ZoneId zone = (query.offset() != null) ? query.offset() : projectZone;
		EntryWindow window = EntryWindow.of(query.startDate(), query.endDate(), zone);
		Long goalId = goal.map(GoalSnapshot::goalId).orElse(null);
		SegmentQuery segments = query.segments();
		Counted counted;
		Optional<Breakdown> breakdown = Optional.empty();
		CountPath path = path(projectZone, query.offset());
		// The segment index holds no revenue: a goal with orders is counted by scan.
		boolean indexable = path == CountPath.SCAN || !segments.plain();
		boolean orders = indexable && goalId != null && this.repository.anyOrders(experiment.testId(), goalId);
		if (segments.plain()) {
			// Whole-hour zones: their days are hours of the index.
			Optional<SegmentCounts> indexed = (path == CountPath.SCAN && !orders)
					? this.index.count(experiment, goalId, window, zone, segments) : Optional.empty();
			counted = indexed.map((counts) -> new Counted(counts.totals(), counts.revenueTotals()))
				.orElseGet(() -> this.reads.execute((status) -> counted(experiment, goalId, window, path)));
		}
		else {
			Optional<SegmentCounts> indexed = orders ? Optional.empty()
					: this.index.count(experiment, goalId, window, zone, segments);
			SegmentCounts counts = indexed.orElseGet(
					() -> this.reads.execute((status) -> scanSegments(experiment, goalId, window, zone, segments)));
			counted = new Counted(counts.totals(), counts.revenueTotals());
			breakdown = segments.breakdownDimension()
				.map((dimension) -> Breakdown.of(dimension, counts.segments(),
						(segment) -> statistics(experiment, segment, MINIMUM_SEGMENT_ARM_VISITORS)));
		}
		long end = (experiment.endedAt() != null) ? experiment.endedAt() : this.clock.millis();
		Optional<RevenueResult> revenue = goal.filter((counting) -> hasRevenue(counting, counted.revenue()))
			.map((counting) -> revenue(experiment, counted));
		return new ExperimentResult(experiment, goal, counted.tallies(),
				Math.max(0, (end - experiment.createdAt()) / DAY_MS), statistics(experiment, counted.tallies(), 0),
				breakdown, selected.map(SelectedGoal::source), revenue);
	}

	/**
	 * A revenue goal, or any goal whose counted visitors placed orders, counted or left
	 * out.
	 */
	private static boolean hasRevenue(GoalSnapshot goal, List<RevenueTally> revenue) {
		return "revenue".equals(goal.goalType()) || revenue.stream().anyMatch(RevenueTally::hasOrders);
	}

	private RevenueResult revenue(ExperimentSnapshot experiment, Counted counted) {
		List<RevenueComparison> comparisons = new ArrayList<>();
		RevenueSample control = sample(counted, 0);
		for (int variant = 1; variant < counted.tallies().size(); variant++) {
			comparisons
				.add(RevenuePerVisitor.compare(control, sample(counted, variant), experiment.confidenceInterval()));
		}
		return new RevenueResult(this.projects.reportingCurrency(experiment.projectId()), counted.revenue(),
				comparisons);
	}

	private static RevenueSample sample(Counted counted, int variant) {
		RevenueTally revenue = counted.revenue().get(variant);
		return new RevenueSample(counted.tallies().get(variant).visitors(), revenue.revenueCents(),
				revenue.revenueSquares());
	}

	/**
	 * The goal a result of the experiment counts: the one named, else the experiment's
	 * primary goal, else the project's default primary goal; empty when there is none. A
	 * named goal that is not one of the experiment's is a 400 naming the parameter.
	 */
	public Optional<SelectedGoal> selectGoal(ExperimentSnapshot experiment, String goalKey, Long goalId) {
		if (goalKey != null) {
			return Optional.of(
					new SelectedGoal(
							experiment.goalByKey(goalKey)
								.orElseThrow(() -> new InvalidInput("goal_key", "goal_key '" + goalKey
										+ "' is not a goal of experiment " + experiment.testId())),
							SelectedGoal.Source.QUERY));
		}
		if (goalId != null) {
			return Optional
				.of(new SelectedGoal(
						experiment.goalById(goalId)
							.orElseThrow(() -> new InvalidInput("goal_profile_id", "goal_profile_id " + goalId
									+ " is not a goal of experiment " + experiment.testId())),
						SelectedGoal.Source.QUERY));
		}
		Optional<GoalSnapshot> primary = experiment.primaryGoal();
		if (primary.isPresent()) {
			return Optional.of(new SelectedGoal(primary.get(), SelectedGoal.Source.EXPERIMENT));
		}
		return this.projects.configuration(experiment.projectId())
			.primaryGoal()
			.map((fallback) -> new SelectedGoal(
					experiment.goalById(fallback.goalId())
						.orElseGet(() -> new GoalSnapshot(fallback.goalId(), fallback.goalKey(), fallback.goalName(),
								fallback.goalType(), fallback.goalValue(), false, null)),
					SelectedGoal.Source.GLOBAL_DEFAULT));
	}

	/**
	 * Per day of first conversion and variant, the revenue and orders of the visitors who
	 * entered in the window and first converted on that day, to date; days of the
	 * project's zone, from the rollups. For charts by day.
	 */
	public List<DailyRevenue> dailyRevenue(ExperimentSnapshot experiment, long goalId, ZoneId projectZone,
			LocalDate start, LocalDate end) {
		EntryWindow window = EntryWindow.of(start, end, projectZone);
		return this.reads.execute((status) -> this.repository.rollupDailyRevenue(experiment.testId(), goalId, window));
	}

	private static ExperimentStatistics statistics(ExperimentSnapshot experiment, List<VariantTally> tallies,
			long minimumArmVisitors) {
		List<ArmCounts> arms = tallies.stream()
			.map((tally) -> new ArmCounts(tally.visitors(), tally.conversions()))
			.toList();
		Prior prior = (experiment.priorMean() != null && experiment.priorVariance() != null)
				? Prior.normal(experiment.priorMean(), experiment.priorVariance()) : Prior.flat();
		StatisticsSettings settings = new StatisticsSettings(experiment.bayesian(), experiment.confidenceInterval(),
				experiment.sequential(), StatisticsSettings.DEFAULT_TUNING_SAMPLE_SIZE, prior);
		return Statistics.analyze(arms, experiment.weights(), settings, minimumArmVisitors);
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
			if (converted) {
				counts.addRevenue(row.variant(), row.revenue());
			}
		});
		return counts;
	}

	/**
	 * Counts every variant of the experiment by the given path; goalId null counts no
	 * conversions.
	 */
	List<VariantTally> count(ExperimentSnapshot experiment, Long goalId, EntryWindow window, CountPath path) {
		return counted(experiment, goalId, window, path).tallies();
	}

	/**
	 * Counts every variant of the experiment and the revenue of its converted visitors by
	 * the given path.
	 */
	Counted counted(ExperimentSnapshot experiment, Long goalId, EntryWindow window, CountPath path) {
		long testId = experiment.testId();
		Map<Integer, Long> visitors = (path == CountPath.ROLLUP) ? this.repository.rollupVisitors(testId, window)
				: this.repository.scanVisitors(testId, window);
		Map<Integer, ConversionSums> converters = (goalId == null) ? Map.of()
				: (path == CountPath.ROLLUP) ? this.repository.rollupConverters(testId, goalId, window)
						: this.repository.scanConverters(testId, goalId, window);
		List<VariantTally> tallies = new ArrayList<>();
		List<RevenueTally> revenue = new ArrayList<>();
		for (VariantSnapshot variant : experiment.variants()) {
			int index = variant.index();
			ConversionSums sums = converters.get(index);
			tallies
				.add(new VariantTally(index, visitors.getOrDefault(index, 0L), (sums != null) ? sums.converters() : 0));
			revenue.add((sums != null) ? sums.revenue() : new RevenueTally(index, 0, 0, 0, 0));
		}
		return new Counted(tallies, revenue);
	}

	/**
	 * Every variant's tally and the revenue of its converted visitors, Control first.
	 *
	 * @param tallies visitors and converters
	 * @param revenue their revenue
	 */
	record Counted(List<VariantTally> tallies, List<RevenueTally> revenue) {
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

}
