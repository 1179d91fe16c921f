package dev.uplift.tracking;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.uplift.tracking.JdbcIngestionRepository.ExperimentState;

/**
 * How ingestion transactions of one project stay exact when several may run at once:
 * which locks a transaction takes before it reads per-visitor state, where its ordinals
 * come from, and which rollup shard it adds to (docs/scaling.md, "What stays exact").
 */
interface IngestionLocks {

	/**
	 * The batch as the transactions the writer commits one after another, each a run of
	 * whole submissions.
	 */
	List<List<Submission>> transactions(List<Submission> batch);

	/**
	 * Takes, first in the transaction, the locks under which it reads and writes the
	 * visitors of these submissions (by project id); returns the rollup shard its
	 * increments go to.
	 */
	int lock(Map<Long, List<Submission>> byProject);

	/**
	 * Each project's place in its sequence of committed writes, read after {@link #lock},
	 * when the locks order one project's transactions; empty when they run concurrently
	 * and have no such order (the segment index then steps aside).
	 */
	Map<Long, Long> writeSeqs(Set<Long> projectIds);

	/**
	 * The first ordinal each experiment's new entries of this transaction take, for at
	 * most {@code entries} of them; the following ones are consecutive.
	 */
	Map<Long, Long> firstOrdinals(Map<Long, ExperimentState> experiments, Map<Long, Integer> entries);

	/**
	 * Records the ordinal after the last one each experiment's entries of this
	 * transaction hold, once they are settled.
	 */
	void ordinalsUsed(Map<Long, Long> nextOrdinals);

}
