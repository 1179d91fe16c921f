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
import java.util.TreeMap;
import java.util.function.Consumer;

import dev.uplift.experiment.BanditHistory;
import dev.uplift.experiment.ExperimentBandits;
import dev.uplift.experiment.ExperimentService;
import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.GoalSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.VariantSnapshot;
import dev.uplift.project.ProjectContext;
import dev.uplift.project.ProjectService;
import dev.uplift.results.JdbcResultRepository.ConversionSums;
import dev.uplift.results.JdbcResultRepository.EntryDay;
import dev.uplift.stats.ArmCounts;
import dev.uplift.stats.EntryPeriod;
import dev.uplift.stats.ExperimentStatistics;
import dev.uplift.stats.Interval;
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

	private final ExperimentBandits bandits;

	private final JdbcGoalEventRepository goalEvents;

	ResultService(ExperimentService experiments, JdbcResultRepository repository, SegmentIndex index,
			PlatformTransactionManager transactions, Clock clock, ProjectService projects, ExperimentBandits bandits,
			JdbcGoalEventRepository goalEvents) {
		this.bandits = bandits;
		this.experiments = experiments;
		this.goalEvents = goalEvents;
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
		ReportPhase phase = ReportPhase.resolve(query.phase(), experiment);
		Long goalId = goal.map(GoalSnapshot::goalId).orElse(null);
		Phased phased = phased(experiment, goalId, phase, EntryWindow.of(query.startDate(), query.endDate(), zone));
		EntryWindow window = phased.window();
		SegmentQuery segments = query.segments();
		segments.events().requireApplies(goal.orElse(null));
		CountPath path = phased.scanOnly() ? CountPath.SCAN : path(projectZone, query.offset());
		// A bandit's split changed while visitors entered: the check compares with the
		// split of each period by the rollups' days, exactly for the whole result, with
		// the periods' mixture for a segment or another zone's days.
		List<EntryPeriod> periods = periodsOf(experiment, goalId, query, projectZone, phase);
		double[] weights = periods.isEmpty() ? phase.expectedWeights(experiment) : mixture(periods);
		boolean byPeriod = !periods.isEmpty() && segments.plain() && query.offset() == null && !phased.scanOnly();
		// Whole-hour zones: their days are hours of the index.
		Optional<SegmentCounts> indexed = (!phased.scanOnly() && (path == CountPath.SCAN || !segments.plain()))
				? this.index.count(experiment, goalId, window, zone, segments) : Optional.empty();
		// The index holds revenue to date: in a phase that leaves out the orders after
		// the deploy, orders that reached the counted visitors since the phase was
		// read above need the scan's split.
		if (phased.leavesOutLateOrders()
				&& indexed.filter((counts) -> counts.revenueTotals().stream().anyMatch(RevenueTally::hasOrders))
					.isPresent()) {
			indexed = Optional.empty();
		}
		Optional<SegmentCounts> segmented = indexed.isPresent() || segments.plain() ? indexed
				: Optional.of(this.reads.execute((status) -> scanSegments(experiment, goalId, window, zone, segments,
						phased.leavesOutLateOrders())));
		Counted counted = segmented.map(SegmentCounts::counted)
			.orElseGet(() -> this.reads
				.execute((status) -> counted(experiment, goalId, window, path, phased.leavesOutLateOrders())));
		// Revenue is kept per visitor, not per event: an event_attribute leaves it out.
		Optional<String> currency = goal.filter((counting) -> segments.events().any())
			.filter((counting) -> hasRevenue(counting, counted.revenue()))
			.map((counting) -> this.projects.reportingCurrency(experiment.projectId()));
		Optional<Breakdown> breakdown = segmented.flatMap((counts) -> segments.breakdownDimension()
			.map((dimension) -> Breakdown.of(dimension, counts.countedSegments(),
					(tallies) -> statistics(experiment, weights, tallies, MINIMUM_SEGMENT_ARM_VISITORS),
					(segment) -> currency
						.map((reporting) -> revenue(experiment, reporting, segment, MINIMUM_SEGMENT_ARM_VISITORS)))));
		long end = (experiment.endedAt() != null) ? experiment.endedAt() : this.clock.millis();
		return new ExperimentResult(experiment, goal, counted.tallies(),
				Math.max(0, (end - experiment.createdAt()) / DAY_MS),
				byPeriod ? statistics(experiment, periods, counted.tallies())
						: statistics(experiment, weights, counted.tallies(), 0),
				breakdown, selected.map(SelectedGoal::source),
				currency.map((reporting) -> revenue(experiment, reporting, counted, 0)), phase);
	}

	/**
	 * The window of the dates narrowed to the phase, and whether only the scan can count
	 * it: a phase split mid-day or mid-hour, which only the scan reads as instants, or a
	 * phase that leaves out the goal's orders placed after the deploy, which only the
	 * rows hold (docs/decisions.md#serving-a-winner).
	 */
	private Phased phased(ExperimentSnapshot experiment, Long goalId, ReportPhase phase, EntryWindow dates) {
		EntryWindow window = phase.narrow(dates, experiment.deployedAt());
		boolean leavesOut = phase.leavesOutOrdersAfterDeploy(experiment.deployedAt());
		boolean scanOnly = !window.equals(dates)
				|| (leavesOut && goalId != null && this.repository.anyOrders(experiment.testId(), goalId));
		return new Phased(window, scanOnly, leavesOut);
	}

	/**
	 * A window narrowed to a report phase.
	 *
	 * @param window entries and first conversions of the phase
	 * @param scanOnly whether only the scan path counts it exactly
	 * @param leavesOutLateOrders whether the revenue leaves out orders placed at or after
	 * the deploy
	 */
	private record Phased(EntryWindow window, boolean scanOnly, boolean leavesOutLateOrders) {
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
	 * window up to that day, in the query's report phase. Plain queries in the project's
	 * zone read the rollups; any other offset, segment, or phase that only the scan
	 * counts (see {@link #phased}) scans the window's entries.
	 */
	ExperimentTimeseries timeseries(ExperimentSnapshot experiment, ZoneId projectZone, ResultQuery query) {
		Optional<SelectedGoal> goal = selectGoal(experiment, query.goalKey(), query.goalId());
		ZoneId zone = (query.offset() != null) ? query.offset() : projectZone;
		ReportPhase phase = ReportPhase.resolve(query.phase(), experiment);
		Long goalId = goal.map((selected) -> selected.goal().goalId()).orElse(null);
		Phased phased = phased(experiment, goalId, phase, EntryWindow.of(query.startDate(), query.endDate(), zone));
		SegmentQuery segments = query.segments();
		segments.events().requireApplies(goal.map(SelectedGoal::goal).orElse(null));
		boolean rollups = segments.plain() && !phased.scanOnly()
				&& path(projectZone, query.offset()) == CountPath.ROLLUP;
		DailyCounts daily = this.reads.execute((status) -> rollups
				? this.repository.rollupDaily(experiment.testId(), goalId, phased.window(),
						experiment.variants().size())
				: scanDaily(experiment, goalId, phased.window(), zone, segments, phased.leavesOutLateOrders()));
		boolean revenue = segments.events().any()
				&& goal.filter((selected) -> "revenue".equals(selected.goal().goalType()) || daily.anyOrders())
					.isPresent();
		LocalDate created = LocalDate.ofInstant(Instant.ofEpochMilli(experiment.createdAt()), zone);
		List<EntryPeriod> periods = periodsOf(experiment, null, query, projectZone, phase);
		double[] weights = periods.isEmpty() ? phase.expectedWeights(experiment) : mixture(periods);
		return ExperimentTimeseries.accumulate(experiment, goal, query, zone, created,
				LocalDate.now(this.clock.withZone(zone)), daily, revenue, phase,
				(tallies) -> statistics(experiment, weights, tallies, 0, true));
	}

	/**
	 * The goals of {@code metrics} of an experiment of the project, each counted and
	 * analysed as a result of that goal, with p-values adjusted across them; 404 when the
	 * experiment is missing, deleted or of another project.
	 */
	public ExperimentMetrics metrics(ProjectContext project, long testId, ResultQuery query, MetricQuery metrics) {
		ExperimentSnapshot experiment = this.experiments.find(project.id(), testId)
			.orElseThrow(() -> new NotFound("Experiment", testId));
		List<GoalSnapshot> definitions = metrics.goals(experiment);
		List<ExperimentMetrics.Metric> computed = new ArrayList<>();
		for (int position : metrics.positions(definitions.size())) {
			GoalSnapshot goal = definitions.get(position);
			ExperimentResult result = result(experiment, project.timeZone(), query.counting(goal.goalKey()));
			computed.add(new ExperimentMetrics.Metric(position + 1, goal, result));
		}
		List<VariantTally> visitors = computed.isEmpty() ? result(experiment, project.timeZone(), query).tallies()
				: computed.get(0).tallies();
		return ExperimentMetrics.of(experiment, metrics.source(), definitions, visitors, computed);
	}

	/**
	 * Visitors per day of entry and converters per day of first conversion of the
	 * segment, by evaluating the filter on each entry of the window (the scan path); days
	 * read in zone.
	 */
	DailyCounts scanDaily(ExperimentSnapshot experiment, Long goalId, EntryWindow window, ZoneId zone,
			SegmentQuery segments, boolean leavesOutLateOrders) {
		DailyCounts daily = new DailyCounts(experiment.variants().size());
		scanEntries(experiment, goalId, window, segments, leavesOutLateOrders, (row) -> {
			if (segments.filter().test(row, zone)) {
				daily.addEntries(row.variant(), epochDay(row.enteredAt(), zone), 1);
				if (segments.converts(row, window)) {
					long day = epochDay(row.firstConvertedAt(), zone);
					daily.addConversions(row.variant(), day, 1);
					daily.addRevenue(new DailyRevenue(LocalDate.ofEpochDay(day), row.revenue()));
				}
			}
		});
		return daily;
	}

	/**
	 * Hands every entry of the window to {@code rows} with its conversion on the goal, as
	 * the query's {@code event_attribute} counts it: by the goal events it keeps, read
	 * from the event log.
	 */
	private void scanEntries(ExperimentSnapshot experiment, Long goalId, EntryWindow window, SegmentQuery segments,
			boolean leavesOutLateOrders, Consumer<SegmentRow> rows) {
		if (segments.events().any() || goalId == null) {
			this.repository.scanEntries(experiment.testId(), goalId, window, leavesOutLateOrders, rows);
			return;
		}
		GoalSnapshot goal = experiment.goalById(goalId)
			.or(() -> selectGoal(experiment, null, null).map(SelectedGoal::goal))
			.filter((found) -> found.goalId() == goalId)
			.orElseThrow(() -> new IllegalStateException("Goal " + goalId + " is not counted by the experiment"));
		GoalEvents events = this.goalEvents.matching(experiment.projectId(), goal, window.fromMillis(),
				segments.events());
		this.repository.scanEntries(experiment.testId(), goalId, window, leavesOutLateOrders,
				(row) -> rows.accept(events.restrict(row)));
	}

	private static long epochDay(long epochMillis, ZoneId zone) {
		return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone).toEpochDay();
	}

	/**
	 * A revenue goal, or any goal whose counted visitors placed orders, counted or left
	 * out.
	 */
	private static boolean hasRevenue(GoalSnapshot goal, List<RevenueTally> revenue) {
		return "revenue".equals(goal.goalType()) || revenue.stream().anyMatch(RevenueTally::hasOrders);
	}

	/**
	 * The revenue of the counted visitors with each treatment's comparison; one where
	 * Control or the treatment has fewer than {@code minimumArmVisitors} is not
	 * estimable, as its conversion comparison.
	 */
	private static RevenueResult revenue(ExperimentSnapshot experiment, String currency, Counted counted,
			long minimumArmVisitors) {
		List<RevenueComparison> comparisons = new ArrayList<>();
		RevenueSample control = sample(counted, 0);
		for (int variant = 1; variant < counted.tallies().size(); variant++) {
			RevenueSample treatment = sample(counted, variant);
			comparisons.add((Math.min(control.visitors(), treatment.visitors()) < minimumArmVisitors)
					? new RevenueComparison(0, 1, Interval.zero(), false, false)
					: RevenuePerVisitor.compare(control, treatment, experiment.confidenceInterval()));
		}
		return new RevenueResult(currency, counted.revenue(), comparisons);
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

	/**
	 * The periods of one split each of a bandit in the window, by day of entry of the
	 * project's zone (a split takes effect at the start of a day of that zone); empty
	 * when no visitor entered.
	 */
	private List<EntryPeriod> entryPeriods(ExperimentSnapshot experiment, Long goalId, EntryWindow days) {
		BanditHistory history = this.bandits.history(experiment);
		int arms = experiment.variants().size();
		Map<Long, EntryDay> entries = this.reads
			.execute((status) -> this.repository.entryDays(experiment.testId(), goalId, days, arms));
		Map<Integer, EntryDay> byPeriod = new TreeMap<>();
		entries.forEach((day, counts) -> {
			EntryDay period = byPeriod.computeIfAbsent(history.periodOn(day), (key) -> new EntryDay(arms));
			for (int arm = 0; arm < arms; arm++) {
				period.add(period.visitors(), arm, counts.visitors()[arm]);
				period.add(period.conversions(), arm, counts.conversions()[arm]);
			}
		});
		List<EntryPeriod> periods = new ArrayList<>();
		byPeriod.forEach((period, counts) -> periods
			.add(new EntryPeriod(counts.visitors(), counts.conversions(), history.weightsOf(period))));
		return periods;
	}

	/**
	 * A bandit's periods over the window's days, each with its visitors and the split it
	 * ran under; none for any other experiment or once a winner is served.
	 */
	private List<EntryPeriod> periodsOf(ExperimentSnapshot experiment, Long goalId, ResultQuery query,
			ZoneId projectZone, ReportPhase phase) {
		// After a winner is served, only the winner takes visitors.
		boolean served = phase == ReportPhase.POST_DEPLOY && experiment.isServing();
		return (experiment.mab() && !served)
				? entryPeriods(experiment, goalId, EntryWindow.of(query.startDate(), query.endDate(), projectZone))
				: List.of();
	}

	/** The share of each arm among the periods' visitors taken together. */
	private static double[] mixture(List<EntryPeriod> periods) {
		double[] expected = new double[periods.get(0).weights().length];
		long total = periods.stream().mapToLong(EntryPeriod::total).sum();
		for (EntryPeriod period : periods) {
			for (int arm = 0; arm < expected.length; arm++) {
				expected[arm] += (total > 0) ? period.total() * period.weights()[arm] / total
						: period.weights()[arm] / periods.size();
			}
		}
		return expected;
	}

	private static ExperimentStatistics statistics(ExperimentSnapshot experiment, List<EntryPeriod> periods,
			List<VariantTally> tallies) {
		return Statistics.analyze(arms(tallies), periods, settings(experiment, experiment.sequential()), 0);
	}

	private static ExperimentStatistics statistics(ExperimentSnapshot experiment, double[] weights,
			List<VariantTally> tallies, long minimumArmVisitors) {
		return statistics(experiment, weights, tallies, minimumArmVisitors, experiment.sequential());
	}

	private static ExperimentStatistics statistics(ExperimentSnapshot experiment, double[] weights,
			List<VariantTally> tallies, long minimumArmVisitors, boolean sequential) {
		return Statistics.analyze(arms(tallies), weights, settings(experiment, sequential), minimumArmVisitors);
	}

	private static List<ArmCounts> arms(List<VariantTally> tallies) {
		return tallies.stream().map((tally) -> new ArmCounts(tally.visitors(), tally.conversions())).toList();
	}

	private static StatisticsSettings settings(ExperimentSnapshot experiment, boolean sequential) {
		Prior prior = (experiment.priorMean() != null && experiment.priorVariance() != null)
				? Prior.normal(experiment.priorMean(), experiment.priorVariance()) : Prior.flat();
		return new StatisticsSettings(experiment.bayesian(), experiment.confidenceInterval(), sequential,
				StatisticsSettings.DEFAULT_TUNING_SAMPLE_SIZE, prior);
	}

	/**
	 * Counts the segment's visitors of every variant, in total and per value of the
	 * breakdown, by evaluating the filter on each entry of the window (the scan path);
	 * days and hours of the filter read in zone.
	 */
	SegmentCounts scanSegments(ExperimentSnapshot experiment, Long goalId, EntryWindow window, ZoneId zone,
			SegmentQuery segments, boolean leavesOutLateOrders) {
		SegmentCounts counts = new SegmentCounts(experiment.variants().size());
		if (window.fromMillis() >= window.toMillis()) {
			return counts;
		}
		Dimension breakdown = segments.breakdown();
		scanEntries(experiment, goalId, window, segments, leavesOutLateOrders, (row) -> {
			if (!segments.filter().test(row, zone)) {
				return;
			}
			boolean converted = segments.converts(row, window);
			String segment = (breakdown == null) ? null
					: Objects.requireNonNullElse(row.value(breakdown), Dimension.UNKNOWN);
			counts.add(row.variant(), segment, converted);
			if (converted) {
				counts.addRevenue(row.variant(), segment, row.revenue());
			}
		});
		return counts;
	}

	/**
	 * Counts every variant of the experiment by the given path; goalId null counts no
	 * conversions.
	 */
	List<VariantTally> count(ExperimentSnapshot experiment, Long goalId, EntryWindow window, CountPath path) {
		return counted(experiment, goalId, window, path, false).tallies();
	}

	/**
	 * Counts every variant of the experiment and the revenue of its converted visitors by
	 * the given path; {@code leavesOutLateOrders} (the scan only) takes out the orders
	 * placed at or after the deploy.
	 */
	Counted counted(ExperimentSnapshot experiment, Long goalId, EntryWindow window, CountPath path,
			boolean leavesOutLateOrders) {
		long testId = experiment.testId();
		// An empty phase (post_deploy before any deploy) reads nothing.
		boolean empty = path == CountPath.SCAN && window.fromMillis() >= window.toMillis();
		Map<Integer, Long> visitors = empty ? Map.of() : (path == CountPath.ROLLUP)
				? this.repository.rollupVisitors(testId, window) : this.repository.scanVisitors(testId, window);
		Map<Integer, ConversionSums> converters = (goalId == null || empty) ? Map.of()
				: (path == CountPath.ROLLUP) ? this.repository.rollupConverters(testId, goalId, window)
						: this.repository.scanConverters(testId, goalId, window, leavesOutLateOrders);
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
