package dev.uplift.tracking;

import dev.uplift.error.StateConflict;
import dev.uplift.experiment.ExperimentStatus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.uplift.project.ProjectContext;
import dev.uplift.tracking.JdbcIngestionRepository.ExperimentState;
import dev.uplift.tracking.JdbcIngestionRepository.GoalTarget;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Applies one batch inside the writer's transaction: the event log first, whose unique
 * event id drops retries and copies, then, for the new events only, entries (first
 * exposure wins, and the entry's insert tells whether there was one), first conversions
 * of entered visitors, and rollup increments. A submission that would take its project
 * past its storage quota is refused whole (docs/operations.md, storage quotas).
 */
@Component
class IngestionTransaction {

	private static final Logger logger = LoggerFactory.getLogger(IngestionTransaction.class);

	private static final int LIVE = ExperimentStatus.LIVE.code();

	private static final long QUOTA_WARNING_INTERVAL_MS = 10 * 60_000;

	private final JdbcIngestionRepository repository;

	private final IngestionLocks locks;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	/**
	 * When each project was last reported at its quota: the log says it once in a while.
	 */
	private final Map<Long, Long> quotaWarnings = new ConcurrentHashMap<>();

	IngestionTransaction(JdbcIngestionRepository repository, IngestionLocks locks, Clock clock,
			ApplicationEventPublisher events) {
		this.repository = repository;
		this.locks = locks;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Writes the batch and returns, per submission, the events it rejected or why it was
	 * refused whole.
	 */
	List<Outcome> apply(List<Submission> batch) {
		long now = this.clock.millis();
		Map<Long, List<Submission>> byProject = new TreeMap<>();
		batch.forEach((submission) -> byProject.computeIfAbsent(submission.project().id(), (id) -> new ArrayList<>())
			.add(submission));
		int shard = this.locks.lock(byProject);
		Map<Long, Long> writeSeqs = this.locks.writeSeqs(byProject.keySet());
		BatchState state = new BatchState();
		Map<Long, ExperimentState> experiments = this.repository.experiments(exposedTests(batch));
		Map<Submission, List<Rejection>> outcomes = new HashMap<>();
		batch.forEach((submission) -> outcomes.put(submission, new ArrayList<>()));
		Map<Submission, StateConflict> refusals = new HashMap<>();
		for (Map.Entry<Long, List<Submission>> submissions : byProject.entrySet()) {
			long projectId = submissions.getKey();
			List<Logged> logged = log(submissions.getValue(), now);
			List<Logged> fresh = admit(projectId, shard, logged, refusals);
			Map<Long, Long> firstOrdinals = this.locks.firstOrdinals(experiments,
					possibleEntries(projectId, fresh, experiments));
			ProjectBatch project = load(projectId, fresh, state);
			List<Logged> refused = new ArrayList<>();
			for (Logged event : logged) {
				if (refusals.containsKey(event.submission())) {
					refused.add(event);
					continue;
				}
				String error = apply(event, project, experiments, firstOrdinals, state);
				if (error != null) {
					outcomes.get(event.submission()).add(new Rejection(event.index(), error));
					refused.add(event);
				}
			}
			unlog(projectId, shard, refused);
		}
		write(state, shard);
		// Delivered to transactional listeners after the commit only (the segment index).
		this.events.publishEvent(new IngestionCommitted(writeSeqs, state.enteredKeys(), state.convertedKeys()));
		return batch.stream()
			.map((submission) -> new Outcome(outcomes.get(submission), refusals.get(submission)))
			.toList();
	}

	/**
	 * Counts the newly logged events into the project's usage, in the statement that
	 * returns the usage, and refuses whole the submissions that do not fit its quota: the
	 * earlier submissions of the batch go first, up to the first that does not fit.
	 * Returns the events of those admitted.
	 */
	private List<Logged> admit(long projectId, int shard, List<Logged> logged,
			Map<Submission, StateConflict> refusals) {
		if (logged.isEmpty()) {
			return logged;
		}
		Map<Submission, Long> bytes = new LinkedHashMap<>();
		long added = 0;
		for (Logged event : logged) {
			long size = utf8Length(event.event().body());
			bytes.merge(event.submission(), size, Long::sum);
			added += size;
		}
		long used = this.repository.addUsage(projectId, shard, logged.size(), added);
		long quota = logged.get(0).submission().project().storageQuotaBytes();
		if (quota <= 0 || used <= quota) {
			return logged;
		}
		warnQuotaReached(projectId, quota);
		long kept = used - added;
		boolean full = false;
		for (Map.Entry<Submission, Long> submission : bytes.entrySet()) {
			// From the first that does not fit on, none is taken: a later copy of one
			// of its events was not logged, and must not be acknowledged as stored.
			full = full || kept + submission.getValue() > quota;
			if (full) {
				refusals.put(submission.getKey(), quotaReached(quota, kept));
			}
			else {
				kept += submission.getValue();
			}
		}
		return logged.stream().filter((event) -> !refusals.containsKey(event.submission())).toList();
	}

	private void warnQuotaReached(long projectId, long quota) {
		long now = this.clock.millis();
		Long last = this.quotaWarnings.get(projectId);
		if (last == null || now - last >= QUOTA_WARNING_INTERVAL_MS) {
			this.quotaWarnings.put(projectId, now);
			logger.warn("Project {} is at its storage quota of {} bytes: its new events are refused (409) until "
					+ "the quota is raised or events are deleted", projectId, quota);
		}
	}

	private static StateConflict quotaReached(long quota, long used) {
		return new StateConflict("storage_quota",
				"Storage quota reached: the project's events take " + used + " bytes of at most " + quota
						+ " (storage_quota_bytes); the new events of this request were not " + "stored");
	}

	/**
	 * Takes refused events out of the log again and out of the project's usage.
	 */
	private void unlog(long projectId, int shard, List<Logged> refused) {
		if (refused.isEmpty()) {
			return;
		}
		long bytes = 0;
		List<String> eventIds = new ArrayList<>(refused.size());
		for (Logged event : refused) {
			bytes += utf8Length(event.event().body());
			eventIds.add(event.eventId());
		}
		this.repository.deleteEvents(projectId, eventIds);
		this.repository.addUsage(projectId, shard, -refused.size(), -bytes);
	}

	/** The bytes of the text in UTF-8, as the database stores and measures it. */
	static long utf8Length(String text) {
		long length = text.length();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				// Two bytes up to U+07FF, three beyond; a surrogate pair
				// is four, two per half.
				length += (c < 0x800 || Character.isSurrogate(c)) ? 1 : 2;
			}
		}
		return length;
	}

	/**
	 * Appends the events to the event log in order and returns those it did not hold yet:
	 * a retry of a stored event, or a second copy within the batch, is skipped here (the
	 * log's unique event id answers, so no look-up runs before).
	 */
	private List<Logged> log(List<Submission> submissions, long now) {
		List<Object[]> rows = new ArrayList<>();
		List<Logged> logged = new ArrayList<>();
		for (Submission submission : submissions) {
			long projectId = submission.project().id();
			List<TrackingEvent> events = submission.events();
			for (int i = 0; i < events.size(); i++) {
				TrackingEvent event = events.get(i);
				String eventId = (event.eventId() != null) ? event.eventId() : ServerEventIds.next();
				rows.add(new Object[] { projectId, eventId, now, event.occurredAt(), event.kind().wireName(),
						event.body() });
				logged.add(new Logged(submission, i, event, eventId));
			}
		}
		int[] inserted = this.repository.insertEvents(rows);
		List<Logged> fresh = new ArrayList<>(logged.size());
		for (int i = 0; i < logged.size(); i++) {
			if (inserted[i] > 0) {
				fresh.add(logged.get(i));
			}
		}
		return fresh;
	}

	/**
	 * Applies one new event to the batch state; returns why it is refused (and taken out
	 * of the log), or null.
	 */
	private static String apply(Logged logged, ProjectBatch project, Map<Long, ExperimentState> experiments,
			Map<Long, Long> firstOrdinals, BatchState state) {
		TrackingEvent event = logged.event();
		ProjectContext context = logged.submission().project();
		return switch (event.kind()) {
			case EXPOSURE -> expose(context, logged.submission().source(), experiments.get(event.testId()),
					firstOrdinals, event, state);
			case GOAL, EVENT -> {
				List<GoalTarget> targets = project.targetsOf(event);
				if (!targets.isEmpty()) {
					Long cents = project.cents(event);
					targets.forEach((target) -> state.convert(target, event, context.timeZone(), cents));
				}
				yield null;
			}
		};
	}

	private static String expose(ProjectContext project, EventSource source, ExperimentState experiment,
			Map<Long, Long> firstOrdinals, TrackingEvent event, BatchState state) {
		if (experiment == null || experiment.projectId() != project.id() || experiment.deleted()) {
			return (source == EventSource.IMPORT)
					? "test_id " + event.testId() + " is not an experiment of this project" : null;
		}
		if (source == EventSource.COLLECT && experiment.status() != LIVE) {
			return null;
		}
		// While a winner is served only its rollout enters: another arm's exposure comes
		// from a configuration read before serving began, ignored as for a paused
		// experiment.
		if (source == EventSource.COLLECT && experiment.servingVariant() >= 0
				&& event.variant() != experiment.servingVariant()) {
			return null;
		}
		if (event.variant() >= experiment.variantCount()) {
			return "variant_id " + event.variant() + " is not a variant of experiment " + event.testId() + " (0 to "
					+ (experiment.variantCount() - 1) + ")";
		}
		state.enter(project.id(), experiment.testId(), firstOrdinals.get(experiment.testId()), event,
				project.timeZone());
		return null;
	}

	/**
	 * Loads what the new events of one project will read: goal targets, and the entries
	 * and conversions of the visitors their conversions reach, by primary key. Exposures
	 * look nothing up: the insert of the entry finds out whether the visitor had entered
	 * already.
	 */
	private ProjectBatch load(long projectId, List<Logged> fresh, BatchState state) {
		Set<String> goalKeys = new HashSet<>();
		Set<String> eventNames = new HashSet<>();
		for (Logged logged : fresh) {
			TrackingEvent event = logged.event();
			if (event.kind() == EventKind.GOAL) {
				goalKeys.add(event.name());
			}
			else if (event.kind() == EventKind.EVENT) {
				eventNames.add(event.name());
			}
		}
		boolean revenue = fresh.stream().anyMatch((logged) -> logged.event().revenue() != null);
		ProjectBatch project = new ProjectBatch(this.repository.targetsByGoalKey(projectId, goalKeys),
				this.repository.targetsByEventName(projectId, eventNames),
				revenue ? this.repository.currencies(projectId) : null);
		Map<Long, Set<String>> visitorsByTest = new LinkedHashMap<>();
		Map<GoalTarget, Set<String>> convertingVisitors = new LinkedHashMap<>();
		for (Logged logged : fresh) {
			TrackingEvent event = logged.event();
			for (GoalTarget target : project.targetsOf(event)) {
				visitorsByTest.computeIfAbsent(target.testId(), (id) -> new HashSet<>()).add(event.visitorId());
				convertingVisitors.computeIfAbsent(target, (key) -> new HashSet<>()).add(event.visitorId());
			}
		}
		visitorsByTest.forEach((testId, visitors) -> this.repository.loadAssignments(testId, visitors, state.entries));
		convertingVisitors
			.forEach((target, visitors) -> this.repository.loadConversions(target, visitors, state.conversions));
		return project;
	}

	private void write(BatchState state, int shard) {
		int[] inserted = this.repository.insertAssignments(state.assignmentRows());
		this.repository.renumberAssignments(state.settleEntries(inserted));
		this.locks.ordinalsUsed(state.nextOrdinals());
		this.repository.upsertConversions(state.conversionRows());
		this.repository.setOrdersAfterDeploy(state.ordersAfterDeployRows());
		this.repository.addEntries(state.entryRollupRows(shard));
		this.repository.addConverters(state.converterRollupRows(shard));
	}

	/**
	 * Per experiment of the project, how many of the new events are exposures that may
	 * enter a visitor: at most that many entries need an ordinal.
	 */
	private static Map<Long, Integer> possibleEntries(long projectId, List<Logged> fresh,
			Map<Long, ExperimentState> experiments) {
		Map<Long, Integer> entries = new HashMap<>();
		for (Logged logged : fresh) {
			TrackingEvent event = logged.event();
			ExperimentState experiment = (event.kind() == EventKind.EXPOSURE) ? experiments.get(event.testId()) : null;
			if (experiment != null && experiment.projectId() == projectId && !experiment.deleted()) {
				entries.merge(experiment.testId(), 1, Integer::sum);
			}
		}
		return entries;
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

		final Map<String, List<GoalTarget>> targetsByGoalKey;

		final Map<String, List<GoalTarget>> targetsByEventName;

		// Read only when an event of the batch carries revenue.
		final ProjectCurrencies currencies;

		ProjectBatch(Map<String, List<GoalTarget>> targetsByGoalKey, Map<String, List<GoalTarget>> targetsByEventName,
				ProjectCurrencies currencies) {
			this.targetsByGoalKey = targetsByGoalKey;
			this.targetsByEventName = targetsByEventName;
			this.currencies = currencies;
		}

		/**
		 * The event's revenue in cents of the reporting currency, or null when it has
		 * none or it cannot be converted (the writer tells the two apart by the event's
		 * revenue).
		 */
		Long cents(TrackingEvent event) {
			if (event.revenue() == null) {
				return null;
			}
			OptionalLong cents = this.currencies.cents(event.revenue());
			return cents.isPresent() ? cents.getAsLong() : null;
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

	/**
	 * What a transaction did with one submission: the events it rejected, or, when
	 * {@code refusal} is set, that it stored none of them.
	 */
	record Outcome(List<Rejection> rejections, StateConflict refusal) {

		/** Answers the submission's request; called once the transaction is committed. */
		void complete(Submission submission) {
			if (this.refusal != null) {
				submission.outcome().completeExceptionally(this.refusal);
			}
			else {
				submission.outcome().complete(this.rejections);
			}
		}

	}

	/** An event of a submission, at its index there, with the id it is logged under. */
	private record Logged(Submission submission, int index, TrackingEvent event, String eventId) {
	}

}
