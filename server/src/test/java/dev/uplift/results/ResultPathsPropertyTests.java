package dev.uplift.results;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

import dev.uplift.experiment.ExperimentService;
import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.GoalSnapshot;
import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random event streams (shuffled, retried event ids, re-exposures to another arm,
 * conversions before entry, conversions of visitors never exposed, repeated conversions,
 * imports whose requests overlap in time) with random visitor attributes, random date
 * windows and random segments (presets, custom filters, breakdowns, minimum counts and
 * time frames), and orders (several per visitor, on goal and named events, in the
 * reporting currency, in one with a rate and in one without, and negative ones, which are
 * refused), and a winner served from a random instant before the stream is written: the
 * rollup path, the scan path, the segment index (built after the first request, kept by
 * the writer's notifications on SQLite and by catching up from the rows' transaction ids
 * on PostgreSQL) and an in-memory oracle agree on every number of results, segments,
 * breakdowns and daily rows, in every report phase, revenue, orders and sums of squares
 * included.
 */
class ResultPathsPropertyTests extends IntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final long DAY = 86_400_000L;

	private static final long ORIGIN = Instant.parse("2025-06-01T00:00:00Z").toEpochMilli();

	private static final int ARMS = 3;

	private static final long TIMEOUT_MILLIS = 60_000;

	private static final String EUR_RATE = "1.0825";

	@Autowired
	private ResultService results;

	@Autowired
	private ExperimentService experiments;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private SegmentIndex index;

	@Autowired
	private JdbcResultRepository repository;

	@ParameterizedTest(name = "seed {0}, time zone {1}")
	@CsvSource({ "1, UTC", "2, UTC", "3, Asia/Kolkata", "4, America/New_York", "5, UTC", "6, Pacific/Auckland" })
	void rollupScanAndOracleAgreeOnRandomStreams(long seed, String timeZone) throws InterruptedException {
		Random random = new Random(seed);
		String projectKey = this.api
			.post(project("/projects"), Map.of("name", "Property " + seed, "time_zone", timeZone))
			.json()
			.at("/project/project_key")
			.asString();
		long projectId = this.jdbc.sql("SELECT id FROM projects WHERE project_key = ?")
			.param(projectKey)
			.query(Long.class)
			.single();
		String base = "/v2/project/" + projectKey;
		Response configured = this.api.send("PATCH", base + "/configuration", "application/json",
				"{\"currency_rates\": {\"EUR\": " + EUR_RATE + "}}");
		assertThat(configured.status()).as(configured.body()).isEqualTo(200);
		String clickKey = "click-" + seed;
		String purchaseKey = "purchase-" + seed;
		createGoal(base, clickKey, "clickOnElement", ".buy");
		createGoal(base, purchaseKey, "event", "Purchase");
		List<Long> testIds = List.of(createExperiment(base, "A", clickKey, purchaseKey),
				createExperiment(base, "B", purchaseKey, clickKey));

		// Served before any event is written, so that the writer keeps the orders placed
		// from then on apart, as it does for a winner served while the experiment runs.
		Map<Long, Long> deployedAt = deploy(random, testIds);
		RandomSegments segments = new RandomSegments(random, ZoneId.of(timeZone));
		List<Map<String, Object>> stream = randomStream(random, testIds, clickKey, segments);
		ResultOracle oracle = new ResultOracle(ZoneId.of(timeZone));
		Map<String, List<Target>> targets = new LinkedHashMap<>();
		for (long testId : testIds) {
			ExperimentSnapshot experiment = this.experiments.find(projectId, testId).orElseThrow();
			for (GoalSnapshot goal : experiment.goals()) {
				targets.computeIfAbsent(goal.goalKey(), (k) -> new ArrayList<>())
					.add(new Target(testId, goal.goalId()));
			}
		}
		for (List<Map<String, Object>> request : split(random, stream)) {
			Response imported = this.api.send("POST", base + "/import", "application/x-ndjson", ndjson(request));
			assertThat(imported.status()).isEqualTo(200);
			if (request.stream().anyMatch(ResultPathsPropertyTests::refund)) {
				assertThat(imported.body()).contains("'properties.revenue' must not be negative");
			}
			List<Map<String, Object>> ordered = new ArrayList<>(request);
			ordered.sort(Comparator.comparingLong((event) -> (Long) event.get("ts")));
			ordered.forEach((event) -> apply(oracle, event, targets.get(clickKey), targets.get(purchaseKey)));
			// Built after the first request, the indexes are kept for the rest: on SQLite
			// by the writer's notifications, on PostgreSQL by catching up from the rows'
			// transaction ids as each query is asked.
			for (long testId : testIds) {
				ExperimentSnapshot experiment = this.experiments.find(projectId, testId).orElseThrow();
				this.index.countWhenCurrent(experiment, null, EntryWindow.of(null, null, ZoneId.of(timeZone)),
						ZoneId.of(timeZone), SegmentQuery.NONE, TIMEOUT_MILLIS);
			}
		}
		// A return sent alone, as an order of negative revenue, is refused with a 400 and
		// changes nothing: the checks below still agree with the oracle, which never saw
		// it.
		Map<String, Object> refund = stream.stream()
			.filter(ResultPathsPropertyTests::refund)
			.findFirst()
			.orElseGet(() -> Map.of("visitor_id", "v0", "properties", Map.of("revenue", -0.01)));
		Response refused = this.anonymous.post("/experiment/event", Map.of("key", projectKey, "name", "Purchase",
				"distinct_id", refund.get("visitor_id"), "properties", properties(refund)));
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("'properties.revenue' must not be negative");
		int byIndex = 0;

		for (int w = 0; w < 25; w++) {
			LocalDate[] days = randomWindow(random);
			LocalDate start = days[0];
			LocalDate end = days[1];
			for (long testId : testIds) {
				ExperimentSnapshot experiment = this.experiments.find(projectId, testId).orElseThrow();
				EntryWindow window = EntryWindow.of(start, end, ZoneId.of(timeZone));
				for (GoalSnapshot goal : experiment.goals()) {
					long[][] expected = oracle.count(testId, goal.goalId(), ARMS, start, end);
					long[][] rollup = ResultOracle
						.of(this.results.count(experiment, goal.goalId(), window, CountPath.ROLLUP));
					long[][] scan = ResultOracle
						.of(this.results.count(experiment, goal.goalId(), window, CountPath.SCAN));
					String where = "test " + testId + ", goal " + goal.goalKey() + ", window " + start + ".." + end;
					assertThat(rollup).as("rollup, " + where).isDeepEqualTo(expected);
					assertThat(scan).as("scan, " + where).isDeepEqualTo(expected);
					long[][] expectedRevenue = oracle.revenue(testId, goal.goalId(), ARMS, start, end, (visit) -> true,
							1, 0);
					assertThat(ResultOracle.revenueOf(
							this.results.counted(experiment, goal.goalId(), window, CountPath.ROLLUP, false).revenue()))
						.as("rollup revenue, " + where)
						.isDeepEqualTo(expectedRevenue);
					assertThat(ResultOracle.revenueOf(
							this.results.counted(experiment, goal.goalId(), window, CountPath.SCAN, false).revenue()))
						.as("scan revenue, " + where)
						.isDeepEqualTo(expectedRevenue);
					// Each converted visitor sits on the day of their first conversion,
					// their
					// square too: the days add up to the window.
					long[][] byDay = new long[ARMS][4];
					for (DailyRevenue day : this.results.dailyRevenue(experiment, goal.goalId(), ZoneId.of(timeZone),
							start, end)) {
						assertThat(day.day()).as("day of first conversion, " + where)
							.isBeforeOrEqualTo((end != null) ? end : LocalDate.MAX);
						RevenueTally revenue = day.revenue();
						long[] sums = byDay[revenue.variant()];
						sums[0] += revenue.revenueCents();
						sums[1] += revenue.orders();
						sums[2] += (long) revenue.revenueSquares();
						sums[3] += revenue.excludedOrders();
					}
					assertThat(byDay).as("revenue by day, summed, " + where).isDeepEqualTo(expectedRevenue);
					RandomSegments.Request request = segments.request();
					Map<String, long[][]> expectedSegments = oracle.countSegments(testId, goal.goalId(), ARMS, start,
							end, request.keeps(), request.breakdownAttribute(), request.minCount(),
							request.timeframeDays());
					SegmentCounts scannedCounts = this.results.scanSegments(experiment, goal.goalId(), window,
							ZoneId.of(timeZone), request.parse(), false);
					Map<String, long[][]> scanned = ResultOracle.of(scannedCounts);
					Map<String, long[][]> expectedSegmentRevenue = oracle.revenueSegments(testId, goal.goalId(), ARMS,
							start, end, request.keeps(), request.breakdownAttribute(), request.minCount(),
							request.timeframeDays(), ResultOracle.Cut.NONE);
					assertThat(ResultOracle.revenueOf(scannedCounts.revenueTotals()))
						.as("segment revenue by scan, " + where + ", " + request)
						.isDeepEqualTo(expectedSegmentRevenue.get(null));
					assertThat(ResultOracle.revenueOfSegments(scannedCounts))
						.as("revenue per segment by scan, " + where + ", " + request)
						.usingRecursiveComparison()
						.isEqualTo(expectedSegmentRevenue);
					assertThat(scanned).as("segments by scan, " + where + ", " + request)
						.usingRecursiveComparison()
						.isEqualTo(expectedSegments);
					Optional<SegmentCounts> indexed = this.index.countWhenCurrent(experiment, goal.goalId(), window,
							ZoneId.of(timeZone), request.parse(), TIMEOUT_MILLIS);
					if (indexed.isPresent()) {
						byIndex++;
						assertThat(ResultOracle.of(indexed.get())).as("segments by index, " + where + ", " + request)
							.usingRecursiveComparison()
							.isEqualTo(expectedSegments);
						assertThat(ResultOracle.revenueOf(indexed.get().revenueTotals()))
							.as("segment revenue by index, " + where + ", " + request)
							.isDeepEqualTo(expectedSegmentRevenue.get(null));
						assertThat(ResultOracle.revenueOfSegments(indexed.get()))
							.as("revenue per segment by index, " + where + ", " + request)
							.usingRecursiveComparison()
							.isEqualTo(expectedSegmentRevenue);
					}
					if (w < 3) {
						// A breakdown of everyone over every day: the index answers from
						// the visitors and converters it counted per value.
						RandomSegments.Request everyone = segments.breakdownOfEveryone();
						Optional<SegmentCounts> counted = this.index.countWhenCurrent(experiment, goal.goalId(),
								EntryWindow.of(null, null, ZoneId.of(timeZone)), ZoneId.of(timeZone), everyone.parse(),
								TIMEOUT_MILLIS);
						assertThat(counted).as("breakdown of everyone by index, test " + testId + ", " + everyone)
							.isPresent();
						assertThat(ResultOracle.of(counted.get()))
							.as("breakdown of everyone by index, test " + testId + ", " + everyone)
							.usingRecursiveComparison()
							.isEqualTo(oracle.countSegments(testId, goal.goalId(), ARMS, null, null, everyone.keeps(),
									everyone.breakdownAttribute(), 1, 0));
						assertThat(ResultOracle.revenueOfSegments(counted.get()))
							.as("revenue of a breakdown of everyone by index, test " + testId + ", " + everyone)
							.usingRecursiveComparison()
							.isEqualTo(oracle.revenueSegments(testId, goal.goalId(), ARMS, null, null, everyone.keeps(),
									everyone.breakdownAttribute(), 1, 0, ResultOracle.Cut.NONE));
					}
					if (goal.goalKey().equals(purchaseKey)) {
						checkEventAttributes(random, oracle, experiment, goal, start, end, ZoneId.of(timeZone),
								request);
					}
					checkDays(oracle, experiment, goal, start, end, ZoneId.of(timeZone), request, w < 4);
					// Another whole-hour tz: the index's hours against the scan.
					ZoneOffset offset = ZoneOffset.ofHours(random.nextInt(27) - 12);
					EntryWindow shifted = EntryWindow.of(start, end, offset);
					SegmentQuery query = request.parse();
					Optional<SegmentCounts> indexedShifted = this.index.countWhenCurrent(experiment, goal.goalId(),
							shifted, offset, query, TIMEOUT_MILLIS);
					if (indexedShifted.isPresent()) {
						assertThat(ResultOracle.of(indexedShifted.get())).as("index at tz " + offset + ", " + where)
							.usingRecursiveComparison()
							.isEqualTo(ResultOracle.of(this.results.scanSegments(experiment, goal.goalId(), shifted,
									offset, query, false)));
					}
				}
			}
		}
		checkReportPhases(random, projectId, deployedAt, oracle, segments, ZoneId.of(timeZone));
		// Minimum counts, time frames, visitor ids and the bounded windows, days and
		// hours of a half-hour zone take the scan; the rest must come from the index.
		boolean wholeHours = ZoneId.of(timeZone).getRules().getOffset(Instant.ofEpochMilli(ORIGIN)).getTotalSeconds()
				% 3600 == 0;
		if (wholeHours) {
			assertThat(byIndex).as("comparisons answered by the index").isGreaterThan(10);
		}
	}

	/**
	 * A random {@code event_attribute} on the orders' properties of the purchase goal:
	 * the scan, reading the event log, against the oracle's events.
	 */
	private void checkEventAttributes(Random random, ResultOracle oracle, ExperimentSnapshot experiment,
			GoalSnapshot goal, LocalDate start, LocalDate end, ZoneId zone, RandomSegments.Request request) {
		EntryWindow window = EntryWindow.of(start, end, zone);
		int pick = random.nextInt(EVENT_ATTRIBUTES.size());
		SegmentQuery query = request.parse().with(EventAttributes.parse(EVENT_ATTRIBUTES.get(pick)));
		SegmentCounts scanned = this.results.scanSegments(experiment, goal.goalId(), window, zone, query, false);
		assertThat(ResultOracle.of(scanned.totals()))
			.as("event_attribute " + EVENT_ATTRIBUTES.get(pick) + ", test " + experiment.testId() + ", window " + start
					+ ".." + end + ", " + request)
			.isDeepEqualTo(oracle.countByEvents(experiment.testId(), goal.goalId(), ARMS, start, end, request.keeps(),
					EVENT_KEEPS.get(pick), request.minCount(), request.timeframeDays()));
	}

	private static final List<String> EVENT_ATTRIBUTES = List.of(
			"[[{\"key\":\"currency\",\"operand\":\"=\",\"value\":\"eur\"}]]",
			"[[{\"key\":\"revenue\",\"operand\":\">\",\"value\":\"50\"}]]",
			"[[{\"key\":\"currency\",\"operand\":\"nx\"}],[{\"key\":\"revenue\",\"operator\":\"<=\",\"value\":10}]]",
			"{\"key\":\"currency\",\"operand\":\"**\",\"value\":\"U\"}",
			"[[{\"key\":\"currency\",\"operand\":\"!=\",\"value\":\"USD\"},"
					+ "{\"key\":\"revenue\",\"operand\":\">=\",\"value\":\"25.5\"}]]");

	// The oracle's reading of each, on the properties as sent.
	private static final List<java.util.function.Predicate<Map<String, Object>>> EVENT_KEEPS = List.of(
			(properties) -> "EUR".equals(properties.get("currency")),
			(properties) -> amount(properties).compareTo(new BigDecimal("50")) > 0,
			(properties) -> !properties.containsKey("currency")
					|| amount(properties).compareTo(new BigDecimal("10")) <= 0,
			(properties) -> properties.containsKey("currency") && ((String) properties.get("currency")).contains("U"),
			(properties) -> !"USD".equals(properties.get("currency"))
					&& amount(properties).compareTo(new BigDecimal("25.5")) >= 0);

	private static BigDecimal amount(Map<String, Object> properties) {
		return new BigDecimal(properties.get("revenue").toString());
	}

	/**
	 * Serves a winner of each experiment from a random instant inside the stream
	 * (mid-day, to the millisecond), the first experiment still serving it, the second
	 * stopped; returns the instants by experiment.
	 */
	private Map<Long, Long> deploy(Random random, List<Long> testIds) {
		Map<Long, Long> deployedAt = new LinkedHashMap<>();
		for (long testId : testIds) {
			long deployed = ORIGIN + (long) (random.nextDouble() * 12 * DAY);
			boolean serving = testId == testIds.get(0);
			this.jdbc
				.sql("INSERT INTO experiment_serving (test_id, serving_variant, rollout, serving_since, deployed_at) "
						+ "VALUES (?, ?, ?, ?, ?)")
				.params(testId, serving ? 1 : null, serving ? 50.0 : null, serving ? deployed : null, deployed)
				.update();
			deployedAt.put(testId, deployed);
		}
		return deployedAt;
	}

	/**
	 * Every report phase of results and timeseries, with and without segments and
	 * breakdowns, agrees with the oracle cut at the deploy instant, revenue included
	 * (pre_deploy leaves out the orders from then on), and the default while serving is
	 * pre_deploy.
	 */
	private void checkReportPhases(Random random, long projectId, Map<Long, Long> deployedAt, ResultOracle oracle,
			RandomSegments segments, ZoneId zone) {
		for (int w = 0; w < 12; w++) {
			LocalDate[] days = randomWindow(random);
			LocalDate start = days[0];
			LocalDate end = days[1];
			for (Map.Entry<Long, Long> deploy : deployedAt.entrySet()) {
				long testId = deploy.getKey();
				long deployed = deploy.getValue();
				ExperimentSnapshot experiment = this.experiments.find(projectId, testId).orElseThrow();
				assertThat(experiment.deployedAt()).isEqualTo(deployed);
				Map<ReportPhase, ResultOracle.Cut> cuts = Map.of(ReportPhase.PRE_DEPLOY,
						ResultOracle.Cut.before(deployed), ReportPhase.POST_DEPLOY, ResultOracle.Cut.from(deployed),
						ReportPhase.ALL_TIME, ResultOracle.Cut.NONE);
				for (GoalSnapshot goal : experiment.goals()) {
					String where = "test " + testId + ", goal " + goal.goalKey() + ", window " + start + ".." + end
							+ ", deployed at " + Instant.ofEpochMilli(deployed);
					ResultQuery dates = new ResultQuery(start, end, goal.goalKey(), null, null, SegmentQuery.NONE,
							null);
					for (Map.Entry<ReportPhase, ResultOracle.Cut> cut : cuts.entrySet()) {
						String phase = cut.getKey() + ", " + where;
						ExperimentResult result = this.results.result(experiment, zone, dates.with(cut.getKey()));
						assertThat(result.reportPhase()).isEqualTo(cut.getKey());
						assertThat(ResultOracle.of(result.tallies())).as(phase)
							.isDeepEqualTo(oracle.count(testId, goal.goalId(), ARMS, start, end, cut.getValue()));
						checkRevenue(result.revenue(),
								oracle
									.revenueSegments(testId, goal.goalId(), ARMS, start, end, (visit) -> true, null, 1,
											0, cut.getValue())
									.get(null),
								"revenue, " + phase);
						RandomSegments.Request request = segments.request();
						ExperimentResult segmented = this.results.result(experiment, zone,
								dates.with(request.parse()).with(cut.getKey()));
						assertThat(ResultOracle.of(segmented.tallies())).as(phase + ", " + request)
							.isDeepEqualTo(oracle
								.countSegments(testId, goal.goalId(), ARMS, start, end, request.keeps(),
										request.breakdownAttribute(), request.minCount(), request.timeframeDays(),
										cut.getValue())
								.get(null));
						checkSegmentRevenue(segmented,
								oracle.revenueSegments(testId, goal.goalId(), ARMS, start, end, request.keeps(),
										request.breakdownAttribute(), request.minCount(), request.timeframeDays(),
										cut.getValue()),
								phase + ", " + request);
						checkPhaseDays(oracle, experiment, goal, dates.with(request.parse()).with(cut.getKey()), zone,
								request, cut.getValue(), w < 2);
					}
					ExperimentResult byDefault = this.results.result(experiment, zone, dates);
					ReportPhase expected = experiment.isServing() ? ReportPhase.PRE_DEPLOY : ReportPhase.ALL_TIME;
					assertThat(byDefault.reportPhase()).isEqualTo(expected);
					assertThat(ResultOracle.of(byDefault.tallies())).as("default phase, " + where)
						.isDeepEqualTo(oracle.count(testId, goal.goalId(), ARMS, start, end, cuts.get(expected)));
				}
			}
		}
	}

	/**
	 * A result's revenue against the oracle's sums: present exactly when an order,
	 * counted or left out, reached its converted visitors (neither goal is a revenue
	 * goal).
	 */
	private static void checkRevenue(Optional<RevenueResult> revenue, long[][] expected, String where) {
		boolean ordered = Arrays.stream(expected).anyMatch((cell) -> cell[1] > 0 || cell[3] > 0);
		assertThat(revenue.isPresent()).as("has revenue, " + where).isEqualTo(ordered);
		if (ordered) {
			assertThat(ResultOracle.revenueOf(revenue.get().tallies())).as(where).isDeepEqualTo(expected);
		}
	}

	/**
	 * A segmented result's revenue, in total and per segment of its breakdown, against
	 * the oracle's: the segments carry revenue exactly when the result does.
	 */
	private static void checkSegmentRevenue(ExperimentResult result, Map<String, long[][]> expected, String where) {
		checkRevenue(result.revenue(), expected.get(null), where);
		for (Breakdown.Segment segment : result.breakdown().map(Breakdown::segments).orElse(List.of())) {
			assertThat(segment.revenue().isPresent()).as("segment has revenue, " + segment.criteria() + ", " + where)
				.isEqualTo(result.revenue().isPresent());
			if (segment.revenue().isPresent() && !Breakdown.OTHER.equals(segment.criteria())) {
				assertThat(ResultOracle.revenueOf(segment.revenue().get().tallies()))
					.as("segment " + segment.criteria() + ", " + where)
					.isDeepEqualTo(expected.get(segment.criteria()));
			}
		}
	}

	/**
	 * The timeseries of a phase and segment against the oracle cut the same way: each
	 * day's visitors, converters and revenue; with {@code cumulative}, each day's
	 * cumulative numbers and its revenue up to that day against the result of the window
	 * ending that day, in the same phase and segment.
	 */
	private void checkPhaseDays(ResultOracle oracle, ExperimentSnapshot experiment, GoalSnapshot goal,
			ResultQuery query, ZoneId zone, RandomSegments.Request request, ResultOracle.Cut cut, boolean cumulative) {
		long testId = experiment.testId();
		String where = "days of " + query.phase() + ", test " + testId + ", goal " + goal.goalKey() + ", window "
				+ query.startDate() + ".." + query.endDate() + ", " + request;
		ExperimentTimeseries series = this.results.timeseries(experiment, zone, query);
		assertThat(series.reportPhase()).isEqualTo(query.phase());
		Map<LocalDate, long[][]> expected = oracle.daily(testId, goal.goalId(), ARMS, query.startDate(),
				query.endDate(), zone, request.keeps(), request.minCount(), request.timeframeDays(), cut);
		Map<LocalDate, long[][]> expectedRevenue = oracle.dailyRevenue(testId, goal.goalId(), ARMS, query.startDate(),
				query.endDate(), zone, request.keeps(), request.minCount(), request.timeframeDays(), cut);
		long[][] revenueUpToDay = new long[ARMS][4];
		for (ExperimentTimeseries.Day day : series.days()) {
			assertThat(ResultOracle.of(day.daily())).as(day.date() + ", " + where)
				.isDeepEqualTo(expected.getOrDefault(day.date(), new long[ARMS][2]));
			if (day.revenue() == null) {
				assertThat(expectedRevenue).as("no revenue, " + where).isEmpty();
				continue;
			}
			long[][] revenue = ResultOracle.revenueOf(day.revenue());
			assertThat(revenue).as("revenue on " + day.date() + ", " + where)
				.isDeepEqualTo(expectedRevenue.getOrDefault(day.date(), new long[ARMS][4]));
			for (int variant = 0; variant < ARMS; variant++) {
				for (int sum = 0; sum < 4; sum++) {
					revenueUpToDay[variant][sum] += revenue[variant][sum];
				}
			}
			if (cumulative && !day.date().isAfter(LocalDate.ofInstant(Instant.ofEpochMilli(ORIGIN + 13 * DAY), zone))) {
				ExperimentResult upToDay = this.results.result(experiment, zone, new ResultQuery(query.startDate(),
						day.date(), goal.goalKey(), null, null, query.segments(), query.phase()));
				assertThat(day.cumulative()).as("cumulative on " + day.date() + ", " + where)
					.isEqualTo(upToDay.tallies());
				checkRevenue(upToDay.revenue(), revenueUpToDay, "revenue up to " + day.date() + ", " + where);
			}
		}
	}

	/**
	 * The timeseries' days against the oracle, revenue included: by the rollups, by scan
	 * with and without the segment, and by scan in another offset; with
	 * {@code cumulative}, each day's cumulative numbers against the result of the window
	 * ending that day.
	 */
	private void checkDays(ResultOracle oracle, ExperimentSnapshot experiment, GoalSnapshot goal, LocalDate start,
			LocalDate end, ZoneId zone, RandomSegments.Request request, boolean cumulative) {
		long testId = experiment.testId();
		String where = "days of test " + testId + ", goal " + goal.goalKey() + ", window " + start + ".." + end;
		EntryWindow window = EntryWindow.of(start, end, zone);
		Map<LocalDate, long[][]> expected = oracle.daily(testId, goal.goalId(), ARMS, start, end, zone, (visit) -> true,
				1, 0);
		Map<LocalDate, long[][]> expectedRevenue = oracle.dailyRevenue(testId, goal.goalId(), ARMS, start, end, zone,
				(visit) -> true, 1, 0, ResultOracle.Cut.NONE);
		DailyCounts rollup = this.repository.rollupDaily(testId, goal.goalId(), window, ARMS);
		DailyCounts scan = this.results.scanDaily(experiment, goal.goalId(), window, zone, SegmentQuery.NONE, false);
		for (Map.Entry<String, DailyCounts> path : Map.of("rollup", rollup, "scan", scan).entrySet()) {
			assertThat(ResultOracle.of(path.getValue(), ARMS)).as(path.getKey() + ", " + where)
				.usingRecursiveComparison()
				.isEqualTo(expected);
			assertThat(ResultOracle.revenueOf(path.getValue(), ARMS)).as(path.getKey() + " revenue, " + where)
				.usingRecursiveComparison()
				.isEqualTo(expectedRevenue);
		}
		DailyCounts segmented = this.results.scanDaily(experiment, goal.goalId(), window, zone, request.parse(), false);
		assertThat(ResultOracle.of(segmented, ARMS)).as("scan, " + where + ", " + request)
			.usingRecursiveComparison()
			.isEqualTo(oracle.daily(testId, goal.goalId(), ARMS, start, end, zone, request.keeps(), request.minCount(),
					request.timeframeDays()));
		assertThat(ResultOracle.revenueOf(segmented, ARMS)).as("scan revenue, " + where + ", " + request)
			.usingRecursiveComparison()
			.isEqualTo(oracle.dailyRevenue(testId, goal.goalId(), ARMS, start, end, zone, request.keeps(),
					request.minCount(), request.timeframeDays(), ResultOracle.Cut.NONE));
		ZoneOffset offset = ZoneOffset.ofHoursMinutes(5, 30);
		DailyCounts shifted = this.results.scanDaily(experiment, goal.goalId(), EntryWindow.of(start, end, offset),
				offset, SegmentQuery.NONE, false);
		assertThat(ResultOracle.of(shifted, ARMS)).as("scan at " + offset + ", " + where)
			.usingRecursiveComparison()
			.isEqualTo(oracle.daily(testId, goal.goalId(), ARMS, start, end, offset, (visit) -> true, 1, 0));
		assertThat(ResultOracle.revenueOf(shifted, ARMS)).as("scan revenue at " + offset + ", " + where)
			.usingRecursiveComparison()
			.isEqualTo(oracle.dailyRevenue(testId, goal.goalId(), ARMS, start, end, offset, (visit) -> true, 1, 0,
					ResultOracle.Cut.NONE));
		if (cumulative) {
			ResultQuery query = new ResultQuery(start, end, goal.goalKey(), null, null, SegmentQuery.NONE,
					ReportPhase.ALL_TIME);
			LocalDate lastEvent = LocalDate.ofInstant(Instant.ofEpochMilli(ORIGIN + 13 * DAY), zone);
			for (ExperimentTimeseries.Day day : this.results.timeseries(experiment, zone, query).days()) {
				if (day.date().isAfter(lastEvent)) {
					// The days after the stream, up to today, are listed empty.
					assertThat(day.daily()).as("after the stream, " + day.date())
						.allMatch((tally) -> tally.visitors() == 0 && tally.conversions() == 0);
					continue;
				}
				EntryWindow upToDay = EntryWindow.of(start, day.date(), zone);
				assertThat(day.cumulative()).as("cumulative on " + day.date() + ", " + where)
					.isEqualTo(this.results.count(experiment, goal.goalId(), upToDay, CountPath.ROLLUP));
			}
		}
	}

	/**
	 * Feeds one event to the oracle: goals count for the click goal's experiments, named
	 * events for the purchase goal's.
	 */
	private static void apply(ResultOracle oracle, Map<String, Object> event, List<Target> clickTargets,
			List<Target> purchaseTargets) {
		String type = (String) event.get("type");
		if ("exposure".equals(type) && Integer.parseInt((String) event.get("variant_id")) >= ARMS) {
			return;
		}
		if (refund(event) || !oracle.accept((String) event.get("event_id"))) {
			return;
		}
		String visitor = (String) event.get("visitor_id");
		long time = (Long) event.get("ts");
		boolean ordered = event.containsKey("properties");
		Long cents = ordered ? cents(properties(event)) : null;
		switch (type) {
			case "exposure" -> oracle.expose((Long) event.get("test_id"), visitor,
					Integer.parseInt((String) event.get("variant_id")), time, attributes(event));
			case "goal" -> clickTargets
				.forEach((target) -> oracle.convert(target.testId(), target.goalId(), visitor, time, ordered, cents));
			default -> purchaseTargets.forEach((target) -> oracle.convert(target.testId(), target.goalId(), visitor,
					time, ordered, cents, properties(event)));
		}
	}

	/**
	 * An order's revenue in cents of the project's currency (USD), or null for a currency
	 * without a rate: amounts have 2 decimals, EUR is worth {@link #EUR_RATE}, half to
	 * even.
	 */
	private static Long cents(Map<String, Object> properties) {
		BigDecimal amount = new BigDecimal(properties.get("revenue").toString());
		Object currency = properties.get("currency");
		if ("GBP".equals(currency)) {
			return null;
		}
		if ("EUR".equals(currency)) {
			amount = amount.multiply(new BigDecimal(EUR_RATE));
		}
		return amount.movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
	}

	private static boolean refund(Map<String, Object> event) {
		return event.containsKey("properties")
				&& new BigDecimal(properties(event).get("revenue").toString()).signum() < 0;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> properties(Map<String, Object> event) {
		return (Map<String, Object>) event.get("properties");
	}

	/**
	 * Properties of an order: 0.01 to 99.99, in no currency, USD, EUR or GBP; one in 20
	 * negative.
	 */
	private static Map<String, Object> order(Random random) {
		Map<String, Object> properties = new LinkedHashMap<>();
		double amount = (1 + random.nextInt(9_999)) / 100.0;
		properties.put("revenue", (random.nextInt(20) == 0) ? -amount : amount);
		int currency = random.nextInt(10);
		if (currency >= 6) {
			properties.put("currency", List.of("USD", "EUR", "EUR", "GBP").get(currency - 6));
		}
		return properties;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> attributes(Map<String, Object> event) {
		return (Map<String, String>) event.getOrDefault("attributes", Map.of());
	}

	private static List<Map<String, Object>> randomStream(Random random, List<Long> testIds, String clickKey,
			RandomSegments segments) {
		List<Map<String, Object>> events = new ArrayList<>();
		int visitors = 40 + random.nextInt(120);
		int count = visitors * 4;
		for (int i = 0; i < count; i++) {
			// Ids beyond the exposed range are visitors who convert without ever being
			// exposed.
			String visitor = "v" + random.nextInt(visitors + visitors / 5);
			long time = ORIGIN + (long) (random.nextDouble() * 12 * DAY);
			String eventId = "e" + i;
			int kind = random.nextInt(10);
			Map<String, Object> event;
			if (kind < 4 && !visitor.equals("v" + visitors) && Integer.parseInt(visitor.substring(1)) < visitors) {
				int variant = (random.nextInt(40) == 0) ? 7 : random.nextInt(ARMS);
				event = Events.exposure(eventId, visitor, testIds.get(random.nextInt(testIds.size())), variant);
				event.put("attributes", segments.attributes());
			}
			else if (kind < 8) {
				event = Events.goal(eventId, visitor, clickKey);
				if (random.nextInt(4) == 0) {
					event.put("properties", order(random));
				}
			}
			else {
				event = Events.named(eventId, visitor, "Purchase", null);
				event.put("properties", order(random));
			}
			events.add(Events.at(event, time));
			if (random.nextInt(12) == 0) {
				// A retry of an earlier event: same id, possibly later, must count once.
				Map<String, Object> retry = new LinkedHashMap<>(events.get(random.nextInt(events.size())));
				retry.put("ts", (Long) retry.get("ts") + random.nextInt(3_600_000));
				events.add(retry);
			}
		}
		Collections.shuffle(events, random);
		return events;
	}

	private static List<List<Map<String, Object>>> split(Random random, List<Map<String, Object>> stream) {
		int parts = 1 + random.nextInt(3);
		List<List<Map<String, Object>>> requests = new ArrayList<>();
		int from = 0;
		for (int p = 1; p <= parts; p++) {
			int to = (p == parts) ? stream.size() : from + random.nextInt(stream.size() - from + 1);
			requests.add(stream.subList(from, to));
			from = to;
		}
		return requests;
	}

	/** A random window of days, either side open at times, start not after end. */
	private static LocalDate[] randomWindow(Random random) {
		LocalDate start = randomDay(random);
		LocalDate end = randomDay(random);
		if (start != null && end != null && start.isAfter(end)) {
			return new LocalDate[] { end, start };
		}
		return new LocalDate[] { start, end };
	}

	private static LocalDate randomDay(Random random) {
		if (random.nextInt(5) == 0) {
			return null;
		}
		return LocalDate.ofInstant(Instant.ofEpochMilli(ORIGIN), ZoneId.of("UTC")).plusDays(random.nextInt(15) - 2);
	}

	private void createGoal(String base, String key, String type, String value) {
		Response response = this.api.post(base + "/goal",
				Map.of("goal_name", key, "goal_key", key, "goal_type", type, "goal_value", value));
		assertThat(response.status()).as(response.body()).isBetween(200, 201);
	}

	private long createExperiment(String base, String name, String primaryKey, String secondaryKey) {
		Response response = this.api.post(base + "/create-experiment",
				Map.of("test_name", name, "url", "https://example.com/", "variants",
						List.of(Map.of("data", List.of()), Map.of("data", List.of())), "primary_goal_key", primaryKey,
						"secondary_goal_keys", List.of(secondaryKey)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("test_id").asLong();
	}

	/** A goal of an experiment. */
	private record Target(long testId, long goalId) {
	}

	private static String ndjson(List<Map<String, Object>> events) {
		return events.stream().map(json::writeValueAsString).collect(Collectors.joining("\n"));
	}

}
