package dev.uplift.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.uplift.project.ProjectContext;
import dev.uplift.storage.Dialect;
import dev.uplift.storage.SqliteSettings;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The time per event of the batch writer: the server's ingestion transaction (dedupe,
 * entries, conversions, rollups, event log) committing batches of live traffic to a
 * temporary SQLite file with the server's settings, no HTTP in front. Four events in five
 * enter a new visitor, one in five converts a visitor of an earlier batch. The schema is
 * the server's, made by its migrations. Not a test: run by {@code bench/jmh-server.sh}
 * (docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BatchWriterBenchmark {

	private static final int EVENTS = 1_000;

	// No checkpointer thread here: SQLite checkpoints by itself, rarely.
	private static final int CHECKPOINT_PAGES = 100_000;

	private static final String PROJECT_KEY = "BenchProjectKey0000001";

	private static final String INSERT_ORGANIZATION = "INSERT INTO organizations (name, created_at) VALUES (?, 0)";

	private static final String INSERT_PROJECT = """
			INSERT INTO projects (organization_id, project_key, website_name, widget_name, allowed_website,
			                      created_at, updated_at)
			VALUES (1, ?, 'b', 'b', '*', 0, 0)
			""";

	private static final String INSERT_EXPERIMENT = """
			INSERT INTO experiments (project_id, experiment_key, test_name, hash_seed, status, created_at, updated_at)
			VALUES (1, ?, ?, ?, 1, 0, 0)
			""";

	private static final String INSERT_VARIANT = "INSERT INTO variants (test_id, variant_index, name, weight) VALUES (1, ?, ?, 1)";

	private static final String INSERT_GOAL = """
			INSERT INTO goals (project_id, goal_key, goal_name, goal_type, goal_value, created_at, updated_at)
			VALUES (1, ?, ?, ?, ?, 0, 0)
			""";

	private static final String INSERT_EXPERIMENT_GOAL = "INSERT INTO experiment_goals (test_id, goal_id, is_primary) VALUES (1, 1, 1)";

	/** Visitors already in the experiment before measuring. */
	@Param({ "100000" })
	public int preloadedVisitors;

	private Path directory;

	private SingleConnectionDataSource dataSource;

	private IngestionTransaction transaction;

	private TransactionTemplate transactions;

	private ProjectContext project;

	private final SplittableRandom random = new SplittableRandom(42);

	private final List<String> entered = new ArrayList<>();

	@Setup(Level.Trial)
	public void createDatabase() throws IOException {
		this.directory = Files.createTempDirectory("uplift-writer-bench");
		this.dataSource = new SingleConnectionDataSource(
				SqliteSettings.url(this.directory.resolve("uplift.db"), CHECKPOINT_PAGES), true);
		Flyway.configure()
			.dataSource(this.dataSource)
			.placeholders(Dialect.SQLITE.migrationPlaceholders())
			.load()
			.migrate();
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.update(INSERT_ORGANIZATION, "Bench");
		jdbc.update(INSERT_PROJECT, PROJECT_KEY);
		jdbc.update(INSERT_EXPERIMENT, "bench", "Bench", "bench");
		for (int v = 0; v < 3; v++) {
			jdbc.update(INSERT_VARIANT, v, "Variant " + v);
		}
		jdbc.update(INSERT_GOAL, "purchase", "Purchase", "clickOnElement", ".buy");
		jdbc.update(INSERT_EXPERIMENT_GOAL);
		JdbcIngestionRepository repository = new JdbcIngestionRepository(JdbcClient.create(this.dataSource), jdbc);
		// No listeners: the benchmark times the transaction, not what reads its keys
		// afterwards.
		this.transaction = new IngestionTransaction(repository, new ProjectRowLocks(repository), Clock.systemUTC(),
				(event) -> {
				});
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		this.project = new ProjectContext(1, 1, PROJECT_KEY, ZoneOffset.UTC);
		for (int loaded = 0; loaded < this.preloadedVisitors; loaded += 10_000) {
			write(batch(10_000));
		}
	}

	@TearDown(Level.Trial)
	public void deleteDatabase() throws IOException {
		this.dataSource.destroy();
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	/** One transaction of 1,000 events, committed durably; the score is per event. */
	@Benchmark
	@OperationsPerInvocation(EVENTS)
	public List<IngestionTransaction.Outcome> commitBatch() {
		return write(batch(EVENTS));
	}

	private List<IngestionTransaction.Outcome> write(List<TrackingEvent> events) {
		List<Submission> submissions = new ArrayList<>();
		for (int from = 0; from < events.size(); from += 100) {
			submissions.add(new Submission(this.project, EventSource.COLLECT,
					events.subList(from, Math.min(events.size(), from + 100))));
		}
		return this.transactions.execute((status) -> this.transaction.apply(submissions));
	}

	private List<TrackingEvent> batch(int size) {
		long now = System.currentTimeMillis();
		List<TrackingEvent> events = new ArrayList<>(size);
		List<String> newVisitors = new ArrayList<>();
		VisitorAttributes attributes = new VisitorAttributes("mobile", "safari", "ios", "US", "search", "/pricing",
				"google", "new", null, null);
		for (int i = 0; i < size; i++) {
			String eventId = Long.toHexString(this.random.nextLong()) + Long.toHexString(this.random.nextLong());
			if (!this.entered.isEmpty() && i % 5 == 4) {
				String visitor = this.entered.get(this.random.nextInt(this.entered.size()));
				events.add(new TrackingEvent(EventKind.GOAL, eventId, visitor, now, 0, 0, null, "purchase", null,
						"{\"type\":\"goal\",\"event_id\":\"" + eventId + "\",\"visitor_id\":\"" + visitor
								+ "\",\"goal_key\":\"purchase\"}"));
			}
			else {
				String visitor = "v" + Long.toHexString(this.random.nextLong());
				int variant = this.random.nextInt(3);
				newVisitors.add(visitor);
				events.add(new TrackingEvent(EventKind.EXPOSURE, eventId, visitor, now, 1, variant, attributes, null,
						null,
						"{\"type\":\"exposure\",\"event_id\":\"" + eventId + "\",\"visitor_id\":\"" + visitor
								+ "\",\"test_id\":1,\"variant_id\":\"" + variant
								+ "\",\"attributes\":{\"device\":\"mobile\","
								+ "\"browser\":\"safari\",\"os\":\"ios\",\"country\":\"US\",\"source\":\"search\","
								+ "\"landing_page\":\"/pricing\",\"utm_source\":\"google\",\"visitor_type\":\"new\"}}"));
			}
		}
		if (this.entered.size() < 100_000) {
			this.entered.addAll(newVisitors);
		}
		return events;
	}

}
