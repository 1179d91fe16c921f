package dev.uplift.tracking;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.uplift.project.ProjectContext;
import dev.uplift.support.IntegrationTest;
import dev.uplift.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PostgreSQL's ingestion locks between real concurrent transactions: a transaction waits
 * for another only when they share a visitor, and concurrent transactions add to
 * different rollup shards.
 */
class VisitorLocksTests extends IntegrationTest {

	private static final ProjectContext PROJECT = new ProjectContext(1, 1, PROJECT_KEY, ZoneOffset.UTC);

	@Autowired
	private IngestionLocks locks;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void onPostgresql() {
		assumeTrue(TestDatabase.postgresql(), "the visitor locks are PostgreSQL's");
	}

	@Test
	void lockWhenAnotherTransactionHoldsOneOfTheVisitorsWaitsForItsCommit() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Integer> holder = holding(List.of("shared-visitor", "a-1"), release);
		int holderShard = holder.get(30, TimeUnit.SECONDS);

		int otherShard = lockAndCommit(List.of("b-1", "b-2"));
		CompletableFuture<Integer> waiter = CompletableFuture
			.supplyAsync(() -> lockAndCommit(List.of("c-1", "shared-visitor")));
		awaitAdvisoryLockWait();
		assertThat(waiter).isNotDone();
		release.countDown();

		assertThat(waiter.get(30, TimeUnit.SECONDS)).isBetween(0, PostgresIngestionStatements.ROLLUP_SHARDS - 1);
		assertThat(otherShard).as("shard of a transaction beside the holder").isNotEqualTo(holderShard);
	}

	@Test
	void transactionsSplitTheBatchBelowTheVisitorLimitAndAnOversizedSubmissionRunsAlone() {
		Submission first = submission("first-", 600);
		Submission second = submission("second-", 600);
		Submission third = submission("third-", 300);
		Submission oversized = submission("import-", VisitorLocks.MAX_VISITORS + 1);

		assertThat(this.locks.transactions(List.of(first, second, oversized, third))).containsExactly(List.of(first),
				List.of(oversized), List.of(second, third));
	}

	/**
	 * A transaction that takes the locks of these visitors, completes with its shard, and
	 * holds the locks until released.
	 */
	private CompletableFuture<Integer> holding(List<String> visitors, CountDownLatch release) {
		CompletableFuture<Integer> shard = new CompletableFuture<>();
		CompletableFuture.runAsync(() -> this.transactions.executeWithoutResult((status) -> {
			shard.complete(this.locks.lock(Map.of(PROJECT.id(), List.of(submission(visitors)))));
			try {
				release.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		return shard;
	}

	private int lockAndCommit(List<String> visitors) {
		return this.transactions
			.execute((status) -> this.locks.lock(Map.of(PROJECT.id(), List.of(submission(visitors)))));
	}

	private void awaitAdvisoryLockWait() throws InterruptedException {
		for (int attempt = 0; attempt < 300; attempt++) {
			long waiting = this.jdbc
				.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'")
				.query(Long.class)
				.single();
			if (waiting > 0) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("No transaction waited for an advisory lock within 30 s");
	}

	private static Submission submission(String prefix, int visitors) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < visitors; i++) {
			ids.add(prefix + i);
		}
		return submission(ids);
	}

	private static Submission submission(List<String> visitors) {
		List<TrackingEvent> events = visitors.stream()
			.map((visitor) -> new TrackingEvent(EventKind.GOAL, null, visitor, 0, 0, 0, null, "goal", null, "{}"))
			.toList();
		return new Submission(PROJECT, EventSource.COLLECT, events);
	}

}
