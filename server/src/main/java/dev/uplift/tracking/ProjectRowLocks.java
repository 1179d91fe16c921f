package dev.uplift.tracking;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.uplift.tracking.JdbcIngestionRepository.ExperimentState;

/**
 * One project's transactions one after another: each first takes the project's row lock,
 * then reads and advances {@code experiments.next_ordinal} under it, and adds to rollup
 * shard 0. The embedded SQLite database has one writer anyway.
 */
final class ProjectRowLocks implements IngestionLocks {

	private final JdbcIngestionRepository repository;

	ProjectRowLocks(JdbcIngestionRepository repository) {
		this.repository = repository;
	}

	@Override
	public List<List<Submission>> transactions(List<Submission> batch) {
		return List.of(batch);
	}

	@Override
	public int lock(Map<Long, List<Submission>> byProject) {
		// Sorted project ids: two writers never wait for each other's locks in opposite
		// orders.
		byProject.keySet().stream().sorted().forEach(this.repository::lockProject);
		return 0;
	}

	// The lock's update bumped write_seq: each project's writes commit one after another,
	// in this order.
	@Override
	public Map<Long, Long> writeSeqs(Set<Long> projectIds) {
		Map<Long, Long> writeSeqs = new HashMap<>();
		projectIds.forEach((projectId) -> writeSeqs.put(projectId, this.repository.writeSeq(projectId)));
		return writeSeqs;
	}

	@Override
	public Map<Long, Long> firstOrdinals(Map<Long, ExperimentState> experiments, Map<Long, Integer> entries) {
		Map<Long, Long> first = new HashMap<>();
		entries.keySet().forEach((testId) -> first.put(testId, experiments.get(testId).nextOrdinal()));
		return first;
	}

	@Override
	public void ordinalsUsed(Map<Long, Long> nextOrdinals) {
		nextOrdinals.forEach(this.repository::setNextOrdinal);
	}

}
