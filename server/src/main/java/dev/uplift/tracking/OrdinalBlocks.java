package dev.uplift.tracking;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ordinals this node hands to new entries on PostgreSQL: per experiment a block of
 * consecutive ordinals taken from {@code experiments.next_ordinal} in a short transaction
 * of its own, so that no ingestion transaction holds the experiment's row. A block is
 * used from its start, one committed transaction after another; what a node leaves of a
 * block when it stops, or skips because a transaction needs more than is left, stays a
 * gap.
 */
final class OrdinalBlocks {

	private final int blockSize;

	private final JdbcTemplate template;

	private final TransactionTemplate separately;

	/** Per experiment: the next ordinal of the block and its end. */
	private final Map<Long, long[]> blocks = new HashMap<>();

	OrdinalBlocks(int blockSize, JdbcTemplate template, PlatformTransactionManager transactions) {
		this.blockSize = blockSize;
		this.template = template;
		this.separately = new TransactionTemplate(transactions);
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * The first ordinal of a run of {@code entries} consecutive free ordinals per
	 * experiment; they stay free until {@link #used} moves past them.
	 */
	synchronized Map<Long, Long> reserve(Map<Long, Integer> entries) {
		Map<Long, Long> first = new HashMap<>();
		entries.forEach((testId, count) -> {
			long[] block = this.blocks.get(testId);
			if (block == null || block[1] - block[0] < count) {
				block = allocate(testId, Math.max(this.blockSize, count));
				this.blocks.put(testId, block);
			}
			first.put(testId, block[0]);
		});
		return first;
	}

	/**
	 * Moves past the ordinals a committed transaction's entries hold: each experiment's
	 * next ordinal.
	 */
	synchronized void used(Map<Long, Long> nextOrdinals) {
		nextOrdinals.forEach((testId, next) -> {
			long[] block = this.blocks.get(testId);
			if (block != null && next >= block[0] && next <= block[1]) {
				block[0] = next;
			}
		});
	}

	private long[] allocate(long testId, long size) {
		Long end = this.separately.execute((status) -> this.template
			.queryForObject(PostgresIngestionStatements.ALLOCATE_ORDINALS, Long.class, size, testId));
		return new long[] { end - size, end };
	}

}
