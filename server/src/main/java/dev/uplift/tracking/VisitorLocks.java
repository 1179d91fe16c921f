package dev.uplift.tracking;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import dev.uplift.tracking.JdbcIngestionRepository.ExperimentState;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * PostgreSQL's ingestion locks, which let one project's transactions commit concurrently
 * on every node: a transaction locks the visitors it touches (an advisory lock per
 * project and visitor, so that a visitor's events always meet under the same lock, and
 * two batches wait for each other only when they share a visitor), holds its project's
 * lock shared, and adds to a rollup shard no concurrent transaction holds. Ordinals come
 * from this node's {@link OrdinalBlocks}.
 *
 * <p>
 * Each advisory lock takes a slot of PostgreSQL's shared lock table
 * ({@code max_locks_per_transaction} x {@code max_connections}), so a transaction locks
 * at most {@value #MAX_VISITORS} visitors: the writer's batch is split into transactions
 * of whole submissions below that. A single submission with more visitors (an import
 * chunk) takes its project's lock exclusively instead, and runs alone in the project.
 */
final class VisitorLocks implements IngestionLocks {

	/** Most visitors a transaction locks one by one (a full collect request). */
	static final int MAX_VISITORS = 1_000;

	private final JdbcTemplate template;

	private final OrdinalBlocks ordinals;

	VisitorLocks(JdbcTemplate template, OrdinalBlocks ordinals) {
		this.template = template;
		this.ordinals = ordinals;
	}

	@Override
	public List<List<Submission>> transactions(List<Submission> batch) {
		List<List<Submission>> transactions = new ArrayList<>();
		List<Submission> current = new ArrayList<>();
		Set<Long> locked = new HashSet<>();
		for (Submission submission : batch) {
			Set<Long> keys = visitorKeys(submission);
			if (keys.size() > MAX_VISITORS) {
				transactions.add(List.of(submission));
				continue;
			}
			Set<Long> merged = new HashSet<>(locked);
			merged.addAll(keys);
			if (merged.size() > MAX_VISITORS) {
				transactions.add(current);
				current = new ArrayList<>();
				merged = keys;
			}
			current.add(submission);
			locked = merged;
		}
		if (!current.isEmpty()) {
			transactions.add(current);
		}
		return transactions;
	}

	@Override
	public int lock(Map<Long, List<Submission>> byProject) {
		List<Long> shared = new ArrayList<>();
		List<Long> exclusive = new ArrayList<>();
		for (Map.Entry<Long, List<Submission>> project : byProject.entrySet()) {
			Set<Long> visitors = new HashSet<>();
			project.getValue().forEach((submission) -> visitors.addAll(visitorKeys(submission)));
			if (visitors.size() > MAX_VISITORS) {
				exclusive.add(projectKey(project.getKey()));
			}
			else {
				shared.add(projectKey(project.getKey()));
				exclusive.addAll(visitors);
			}
		}
		long[] sharedKeys = sorted(shared);
		long[] exclusiveKeys = sorted(exclusive);
		List<Integer> counts = this.template.query(PostgresIngestionStatements.LOCK, (ps) -> {
			ps.setObject(1, sharedKeys);
			ps.setObject(2, exclusiveKeys);
		}, (ResultSet rs, int row) -> rs.getInt(1));
		int shard = counts.get(2);
		// Every shard held: share one at random, waiting on its rows only if they meet.
		return (shard >= 0) ? shard : ThreadLocalRandom.current().nextInt(PostgresIngestionStatements.ROLLUP_SHARDS);
	}

	// Writers of one project commit concurrently: there is no order of their writes to
	// report.
	@Override
	public Map<Long, Long> writeSeqs(Set<Long> projectIds) {
		return Map.of();
	}

	@Override
	public Map<Long, Long> firstOrdinals(Map<Long, ExperimentState> experiments, Map<Long, Integer> entries) {
		return this.ordinals.reserve(entries);
	}

	@Override
	public void ordinalsUsed(Map<Long, Long> nextOrdinals) {
		Map<Long, Long> next = Map.copyOf(nextOrdinals);
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.ordinals.used(next);
			return;
		}
		// A rolled-back transaction leaves its ordinals free for the next one.
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				VisitorLocks.this.ordinals.used(next);
			}

		});
	}

	private static Set<Long> visitorKeys(Submission submission) {
		long projectId = submission.project().id();
		Set<Long> keys = new HashSet<>();
		submission.events().forEach((event) -> keys.add(visitorKey(projectId, event.visitorId())));
		return keys;
	}

	/** The lock of one visitor of one project: a 64-bit hash of both. */
	static long visitorKey(long projectId, String visitorId) {
		long hash = mix(projectId ^ 0x5649534954L);
		for (int i = 0; i < visitorId.length(); i++) {
			hash = (hash ^ visitorId.charAt(i)) * 0x100000001b3L;
		}
		return mix(hash);
	}

	static long projectKey(long projectId) {
		return mix(projectId ^ 0x50524f4aL);
	}

	/** MurmurHash3's 64-bit finaliser. */
	private static long mix(long value) {
		long h = value;
		h ^= h >>> 33;
		h *= 0xff51afd7ed558ccdL;
		h ^= h >>> 33;
		h *= 0xc4ceb9fe1a85ec53L;
		h ^= h >>> 33;
		return h;
	}

	private static long[] sorted(List<Long> keys) {
		return keys.stream().mapToLong(Long::longValue).sorted().toArray();
	}

}
