package dev.uplift.tracking;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.uplift.project.ProjectContext;
import dev.uplift.tracking.BatchState.ConversionKey;
import dev.uplift.tracking.BatchState.ConversionState;
import dev.uplift.tracking.JdbcIngestionRepository.ExperimentState;
import dev.uplift.tracking.JdbcIngestionRepository.GoalTarget;

import org.springframework.stereotype.Component;

/**
 * Applies one batch inside the writer's transaction: dedupe by event id, entries (first exposure
 * wins), first conversions of entered visitors, rollup increments, and the event log.
 */
@Component
class IngestionTransaction {

	private static final int LIVE = 1;

	private final JdbcIngestionRepository repository;

	private final Clock clock;

	IngestionTransaction(JdbcIngestionRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	/** Writes the batch and returns, per submission, the events it rejected. */
	List<List<Rejection>> apply(List<Submission> batch) {
		long now = this.clock.millis();
		Map<Long, List<Submission>> byProject = new TreeMap<>();
		batch.forEach((submission) -> byProject.computeIfAbsent(submission.project().id(), (id) -> new ArrayList<>())
			.add(submission));
		// Sorted project ids: two nodes never wait for each other's locks in opposite orders.
		byProject.keySet().forEach(this.repository::lockProject);
		BatchState state = new BatchState();
		Map<Long, ExperimentState> experiments = this.repository.experiments(exposedTests(batch));
		Map<Submission, List<Rejection>> outcomes = new LinkedHashMap<>();
		List<Object[]> logRows = new ArrayList<>();
		for (List<Submission> submissions : byProject.values()) {
			ProjectBatch project = load(submissions, state);
			for (Submission submission : submissions) {
				outcomes.put(submission, walk(submission, project, experiments, state, logRows, now));
			}
		}
		write(state, logRows);
		return batch.stream().map(outcomes::get).toList();
	}

	private List<Rejection> walk(Submission submission, ProjectBatch project, Map<Long, ExperimentState> experiments,
			BatchState state, List<Object[]> logRows, long now) {
		List<Rejection> rejections = new ArrayList<>();
		ProjectContext context = submission.project();
		List<TrackingEvent> events = submission.events();
		for (int i = 0; i < events.size(); i++) {
			TrackingEvent event = events.get(i);
			if (event.eventId() != null && project.seenEventIds.contains(event.eventId())) {
				continue;
			}
			String error = switch (event.kind()) {
				case EXPOSURE -> expose(context, submission.source(), experiments.get(event.testId()), event, state);
				case GOAL, EVENT -> {
					project.targetsOf(event).forEach((target) -> state.convert(target, event, context.timeZone()));
					yield null;
				}
			};
			if (error != null) {
				rejections.add(new Rejection(i, error));
			}
			else {
				if (event.eventId() != null) {
					project.seenEventIds.add(event.eventId());
				}
				String eventId = (event.eventId() != null) ? event.eventId() : ServerEventIds.next();
				logRows.add(new Object[] { context.id(), eventId, now, event.occurredAt(), event.kind().wireName(),
						event.body() });
			}
		}
		return rejections;
	}

	private static String expose(ProjectContext project, EventSource source, ExperimentState experiment,
			TrackingEvent event, BatchState state) {
		if (experiment == null || experiment.projectId() != project.id() || experiment.deleted()) {
			return (source == EventSource.IMPORT)
					? "test_id " + event.testId() + " is not an experiment of this project" : null;
		}
		if (source == EventSource.COLLECT && experiment.status() != LIVE) {
			return null;
		}
		if (event.variant() >= experiment.variantCount()) {
			return "variant_id " + event.variant() + " is not a variant of experiment " + event.testId()
					+ " (0 to " + (experiment.variantCount() - 1) + ")";
		}
		state.enter(project.id(), experiment.testId(), experiment.nextOrdinal(), event, project.timeZone());
		return null;
	}

	/**
	 * Loads what the events of one project will read: seen event ids, goal targets, and the rows of
	 * the visitors in the experiments their events name or reach, all by primary key.
	 */
	private ProjectBatch load(List<Submission> submissions, BatchState state) {
		long projectId = submissions.get(0).project().id();
		Set<String> eventIds = new HashSet<>();
		Set<String> goalKeys = new HashSet<>();
		Set<String> eventNames = new HashSet<>();
		for (Submission submission : submissions) {
			for (TrackingEvent event : submission.events()) {
				if (event.eventId() != null) {
					eventIds.add(event.eventId());
				}
				if (event.kind() == EventKind.GOAL) {
					goalKeys.add(event.name());
				}
				else if (event.kind() == EventKind.EVENT) {
					eventNames.add(event.name());
				}
			}
		}
		ProjectBatch project = new ProjectBatch(this.repository.existingEventIds(projectId, eventIds),
				this.repository.targetsByGoalKey(projectId, goalKeys),
				this.repository.targetsByEventName(projectId, eventNames));
		Map<Long, Set<String>> visitorsByTest = new LinkedHashMap<>();
		Map<GoalTarget, Set<String>> convertingVisitors = new LinkedHashMap<>();
		for (Submission submission : submissions) {
			for (TrackingEvent event : submission.events()) {
				if (event.kind() == EventKind.EXPOSURE) {
					visitorsByTest.computeIfAbsent(event.testId(), (id) -> new HashSet<>()).add(event.visitorId());
				}
				for (GoalTarget target : project.targetsOf(event)) {
					visitorsByTest.computeIfAbsent(target.testId(), (id) -> new HashSet<>()).add(event.visitorId());
					convertingVisitors.computeIfAbsent(target, (key) -> new HashSet<>()).add(event.visitorId());
				}
			}
		}
		visitorsByTest.forEach((testId, visitors) -> this.repository.loadAssignments(testId, visitors, state.entries));
		convertingVisitors.forEach((target, visitors) -> this.repository.loadConversions(target, visitors,
				state.conversions));
		return project;
	}

	private void write(BatchState state, List<Object[]> logRows) {
		this.repository.insertEvents(logRows);
		this.repository.insertAssignments(state.assignmentRows());
		state.nextOrdinals().forEach(this.repository::setNextOrdinal);
		this.repository.upsertConversions(state.conversionRows());
		this.repository.addEntries(state.entryRollupRows());
		this.repository.addConverters(state.converterRollupRows());
	}

	private static Set<Long> exposedTests(List<Submission> batch) {
		Set<Long> testIds = new HashSet<>();
		long last = -1;
		for (Submission submission : batch) {
			for (TrackingEvent event : submission.events()) {
				// Runs of one experiment are the rule: box and hash once per run.
				if (event.kind() == EventKind.EXPOSURE && event.testId() != last) {
					last = event.testId();
					testIds.add(last);
				}
			}
		}
		return testIds;
	}

	/** What one project's events read during the walk. */
	private static final class ProjectBatch {

		final Set<String> seenEventIds;

		final Map<String, List<GoalTarget>> targetsByGoalKey;

		final Map<String, List<GoalTarget>> targetsByEventName;

		ProjectBatch(Set<String> existingEventIds, Map<String, List<GoalTarget>> targetsByGoalKey,
				Map<String, List<GoalTarget>> targetsByEventName) {
			this.seenEventIds = new HashSet<>(existingEventIds);
			this.targetsByGoalKey = targetsByGoalKey;
			this.targetsByEventName = targetsByEventName;
		}

		List<GoalTarget> targetsOf(TrackingEvent event) {
			List<GoalTarget> targets = switch (event.kind()) {
				case GOAL -> this.targetsByGoalKey.get(event.name());
				case EVENT -> this.targetsByEventName.get(event.name());
				case EXPOSURE -> null;
			};
			return (targets != null) ? targets : List.of();
		}

	}

}
