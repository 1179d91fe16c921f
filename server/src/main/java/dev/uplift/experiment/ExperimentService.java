package dev.uplift.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.uplift.assignment.ExclusionSlice;
import dev.uplift.experiment.ExperimentSnapshot.Serving;
import dev.uplift.experiment.JdbcExperimentGoalRepository.AttachedGoal;
import dev.uplift.experiment.JdbcVariantRepository.ExperimentVariant;
import dev.uplift.project.ProjectContext;
import dev.uplift.error.NotFound;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Experiments as the other features see them: snapshots of experiments that are not
 * deleted. The only entry point into this feature for other packages.
 */
@Service
public class ExperimentService {

	private final JdbcExperimentRepository experiments;

	private final JdbcVariantRepository variants;

	private final JdbcExperimentGoalRepository experimentGoals;

	private final JdbcExclusionGroupRepository exclusionGroups;

	private final JdbcServingRepository serving;

	private final JdbcBanditRepository bandits;

	private final Clock clock;

	ExperimentService(JdbcExperimentRepository experiments, JdbcVariantRepository variants,
			JdbcExperimentGoalRepository experimentGoals, JdbcExclusionGroupRepository exclusionGroups,
			JdbcServingRepository serving, JdbcBanditRepository bandits, Clock clock) {
		this.bandits = bandits;
		this.clock = clock;
		this.experiments = experiments;
		this.variants = variants;
		this.experimentGoals = experimentGoals;
		this.exclusionGroups = exclusionGroups;
		this.serving = serving;
	}

	/** The experiment with this id in this project, unless it is deleted. */
	@Transactional(readOnly = true)
	public Optional<ExperimentSnapshot> find(long projectId, long testId) {
		return this.experiments.find(projectId, testId).map(this::assemble).map(ExperimentDetails::snapshot);
	}

	/**
	 * The experiment with this {@code experiment_key} in this project, unless it is
	 * deleted.
	 */
	@Transactional(readOnly = true)
	public Optional<ExperimentSnapshot> findByKey(long projectId, String experimentKey) {
		if (experimentKey == null) {
			return Optional.empty();
		}
		return this.experiments.findByKey(projectId, experimentKey)
			.map(this::assemble)
			.map(ExperimentDetails::snapshot);
	}

	/** The live experiments (status 1) of this project, oldest first. */
	@Transactional(readOnly = true)
	public List<ExperimentSnapshot> live(long projectId) {
		return assembleAll(this.experiments.live(projectId)).stream().map(ExperimentDetails::snapshot).toList();
	}

	/**
	 * What the browser script is sent: the live experiments and those serving a winner
	 * whatever their status (a draft never serves), by test id.
	 */
	@Transactional(readOnly = true)
	public List<ExperimentSnapshot> delivered(long projectId) {
		List<Experiment> found = new ArrayList<>(this.experiments.live(projectId));
		for (long testId : this.serving.servingNotLive(projectId)) {
			this.experiments.find(projectId, testId).ifPresent(found::add);
		}
		found.sort(Comparator.comparingLong(Experiment::id));
		return assembleAll(found).stream().map(ExperimentDetails::snapshot).toList();
	}

	/**
	 * The project's exclusion groups, each with its whole membership
	 * (docs/exclusion-groups.md).
	 */
	@Transactional(readOnly = true)
	public List<ExclusionGroupSnapshot> exclusionGroups(long projectId) {
		return this.exclusionGroups.groups(projectId).stream().map(ExclusionGroup::snapshot).toList();
	}

	/**
	 * The slice of its exclusion group that an experiment may take visitors from, when it
	 * belongs to one.
	 */
	@Transactional(readOnly = true)
	public Optional<ExclusionSlice> exclusionSlice(long testId) {
		return this.exclusionGroups.groupOf(testId).flatMap((group) -> group.slice(testId));
	}

	/**
	 * The experiment behind a public share link: present only when sharing is on and the
	 * token is its token. The comparison takes the same time wherever the tokens differ.
	 */
	@Transactional(readOnly = true)
	public Optional<ExperimentSnapshot> findShared(long testId, String token) {
		if (token == null || token.isEmpty() || token.length() > ShareToken.MAX_LENGTH) {
			return Optional.empty();
		}
		return this.experiments.findInAnyProject(testId)
			.filter((experiment) -> experiment.shareToken() != null && sameToken(experiment.shareToken(), token))
			.map(this::assemble)
			.map(ExperimentDetails::snapshot);
	}

	@Transactional(readOnly = true)
	Experiment get(ProjectContext project, long testId) {
		return this.experiments.find(project.id(), testId).orElseThrow(() -> new NotFound("Experiment", testId));
	}

	@Transactional(readOnly = true)
	ExperimentDetails details(ProjectContext project, long testId) {
		return assemble(get(project, testId));
	}

	@Transactional(readOnly = true)
	ExperimentDetails details(long projectId, long testId) {
		return assemble(this.experiments.find(projectId, testId).orElseThrow(() -> new NotFound("Experiment", testId)));
	}

	@Transactional(readOnly = true)
	List<Experiment> list(ProjectContext project, int limit, int offset) {
		return this.experiments.list(project.id(), limit, offset);
	}

	/** The winners served now by these experiments, by test id; absent when none. */
	@Transactional(readOnly = true)
	Map<Long, Serving> servingNow(List<Long> testIds) {
		Map<Long, Serving> now = new HashMap<>();
		this.serving.find(testIds).forEach((testId, state) -> {
			if (state.serving() != null) {
				now.put(testId, state.serving());
			}
		});
		return now;
	}

	private ExperimentDetails assemble(Experiment experiment) {
		return assembleAll(List.of(experiment)).get(0);
	}

	// Six queries for any number of experiments: the client configuration reads every
	// live one.
	private List<ExperimentDetails> assembleAll(List<Experiment> found) {
		List<Long> ids = found.stream().map(Experiment::id).toList();
		Map<Long, List<Variant>> arms = this.variants.find(ids)
			.stream()
			.collect(Collectors.groupingBy(ExperimentVariant::testId,
					Collectors.mapping(ExperimentVariant::variant, Collectors.toList())));
		Map<Long, List<AttachedGoal>> goals = this.experimentGoals.attached(ids)
			.stream()
			.collect(Collectors.groupingBy(AttachedGoal::testId));
		Map<Long, JdbcServingRepository.State> served = this.serving.find(ids);
		Map<Long, List<Integer>> bandits = this.bandits.inForce(ids, this.clock.millis());
		return found.stream()
			.map((experiment) -> new ExperimentDetails(experiment, arms.getOrDefault(experiment.id(), List.of()),
					goals.getOrDefault(experiment.id(), List.of()), served.get(experiment.id()),
					bandits.containsKey(experiment.id()) ? new ExperimentDetails.Bandit(bandits.get(experiment.id()))
							: null))
			.toList();
	}

	private static boolean sameToken(String expected, String actual) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				actual.getBytes(StandardCharsets.UTF_8));
	}

}
