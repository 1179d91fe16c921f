package dev.uplift.experiment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import dev.uplift.assignment.Bucketing;
import dev.uplift.project.ProjectChanged;
import dev.uplift.project.ProjectContext;
import dev.uplift.error.Duplicate;
import dev.uplift.error.StateConflict;
import dev.uplift.experiment.JdbcIdempotencyKeys.StoredKey;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and edits experiments: their fields, arms and goals, each request in one
 * transaction.
 */
@Service
public class ExperimentAuthoring {

	static final String NO_GOAL_WARNING = "No goal payload provided. Draft was created without a primary goal mapping.";

	private final ExperimentService reads;

	private final JdbcExperimentRepository experiments;

	private final JdbcVariantRepository variants;

	private final JdbcExperimentGoalRepository experimentGoals;

	private final GoalService goals;

	private final ApplicationEventPublisher events;

	private final JdbcIdempotencyKeys idempotencyKeys;

	private final JdbcScheduleRepository schedules;

	private final Clock clock;

	ExperimentAuthoring(ExperimentService reads, JdbcExperimentRepository experiments, JdbcVariantRepository variants,
			JdbcExperimentGoalRepository experimentGoals, GoalService goals, ApplicationEventPublisher events,
			JdbcIdempotencyKeys idempotencyKeys, JdbcScheduleRepository schedules, Clock clock) {
		this.reads = reads;
		this.experiments = experiments;
		this.variants = variants;
		this.experimentGoals = experimentGoals;
		this.goals = goals;
		this.events = events;
		this.idempotencyKeys = idempotencyKeys;
		this.schedules = schedules;
		this.clock = clock;
	}

	/**
	 * Creates this experiment, checked as Create Experiment checks its body, when the
	 * project has never had an experiment; the new test id, or empty when it has had one.
	 */
	@Transactional
	public Optional<Long> createFirst(ProjectContext project, NewExperiment experiment) {
		this.events.publishEvent(new ProjectChanged(project.id()));
		if (this.experiments.hasAny(project.id())) {
			return Optional.empty();
		}
		return Optional.of(create(project, experiment.request().draft()).testId());
	}

	/**
	 * Creates the experiment once per idempotency key: a retry with the same key and
	 * request gets the first answer again, one with another request a conflict.
	 */
	@Transactional
	CreatedExperiment create(ProjectContext project, ExperimentDraft draft, IdempotencyKey key) {
		if (key == null) {
			return create(project, draft);
		}
		long now = this.clock.millis();
		if (!this.idempotencyKeys.claim(project.id(), key.value(), key.requestHash(), now,
				now - IdempotencyKey.LIFETIME.toMillis())) {
			StoredKey stored = this.idempotencyKeys.find(project.id(), key.value())
				.orElseThrow(() -> new IllegalStateException("A key that was not claimed exists"));
			if (!stored.requestHash().equals(key.requestHash()) || stored.response() == null) {
				throw new StateConflict("key used",
						"The idempotency key '" + key.value() + "' was used in the last 24 hours with another request");
			}
			return JsonMapper.shared().readValue(stored.response(), CreatedExperiment.class);
		}
		CreatedExperiment created = create(project, draft);
		this.idempotencyKeys.answer(project.id(), key.value(), JsonMapper.shared().writeValueAsString(created));
		return created;
	}

	@Transactional
	CreatedExperiment create(ProjectContext project, ExperimentDraft draft) {
		this.events.publishEvent(new ProjectChanged(project.id()));
		ExperimentChanges fields = draft.fields();
		if (draft.key() != null && this.experiments.findByKey(project.id(), draft.key()).isPresent()) {
			throw new Duplicate(
					"An experiment with experiment_key '" + draft.key() + "' already exists in this project");
		}
		PageRules rules = (fields.pageRules() != null) ? fields.pageRules() : PageRules.NONE;
		String url = (fields.url() != null) ? fields.url() : rules.firstPlainAddress();
		rules.requireCovers(url);
		TestType type = (fields.testType() != null) ? fields.testType() : TestType.ABTEST;
		List<Variant> arms = draft.arms();
		ArmChanges.check(type, rules.orPage(url), arms);
		Goal primary = primaryGoal(project, draft);
		Long primaryId = (primary != null) ? primary.id() : null;
		Map<Long, Goal> secondary = new LinkedHashMap<>();
		draft.secondaryGoals().forEach((goal) -> add(secondary, this.goals.findOrCreate(project, goal), primaryId));
		secondaryByKey(project, fields).forEach((goal) -> add(secondary, goal, primaryId));
		long now = this.clock.millis();
		// The default key is the test id, known only after the insert: a unique
		// provisional key until then.
		String key = (draft.key() != null) ? draft.key() : "#" + ShareToken.random();
		String seed = (fields.hashSeed() != null) ? fields.hashSeed() : draft.key();
		Settings settings = Settings.DEFAULT.apply(fields.settings());
		Schedule schedule = Schedule.NONE.apply(fields.schedule(), project.timeZone(), now);
		requireDecidable(schedule, settings);
		if (schedule.startAt() != null && draft.status() != ExperimentStatus.DRAFT) {
			throw ExperimentRequest.bad("configuration.start_test_date",
					"starts a draft: leave 'status' out or send 9 with it");
		}
		long id = this.experiments.insert(new Experiment(0, project.id(), key, fields.name(), url, rules, settings,
				seed, Bucketing.HASH_VERSION, fields.customJs(), fields.customCss(), draft.status(), false, null, now,
				now, null, (fields.targeting() != null) ? fields.targeting() : Targeting.NONE, type), now);
		if (draft.key() == null) {
			this.experiments.updateKey(id, Long.toString(id));
		}
		this.variants.replace(id, arms);
		if (primary != null) {
			this.experimentGoals.attachPrimary(id, primary.id());
		}
		this.experimentGoals.replaceSecondary(id, secondary.keySet());
		if (!schedule.equals(Schedule.NONE)) {
			this.schedules.save(id, schedule);
		}
		if (draft.status() == ExperimentStatus.LIVE) {
			this.schedules.markStarted(id, now);
		}
		return new CreatedExperiment(id, draft.status(), primaryId, secondary.size(),
				(primary != null) ? List.of() : List.of(NO_GOAL_WARNING));
	}

	@Transactional
	void update(ProjectContext project, long testId, ExperimentChanges changes) {
		this.events.publishEvent(new ProjectChanged(project.id()));
		ExperimentDetails current = this.reads.details(project, testId);
		Experiment experiment = current.experiment();
		List<Variant> arms = revisedArms(current, changes);
		PageRules rules = (changes.pageRules() != null) ? changes.pageRules() : experiment.pageRules();
		String url = (changes.url() != null) ? changes.url()
				: (experiment.url() != null) ? experiment.url() : rules.firstPlainAddress();
		rules.requireCovers(url);
		if (changes.hashSeed() != null && !changes.hashSeed().equals(experiment.hashSeed())) {
			requireUnstarted(experiment, "its hash_seed can change only while it is a draft (9)");
		}
		TestType type = (changes.testType() != null) ? changes.testType() : experiment.testType();
		if (type != experiment.testType()) {
			requireUnstarted(experiment, "its test_type can change only while it is a draft (9)");
		}
		if (changes.touchesArms()) {
			ArmChanges.check(type, rules.orPage(url), arms);
		}
		long now = this.clock.millis();
		Settings settings = experiment.settings().apply(changes.settings());
		reschedule(project, experiment, settings, changes.schedule(), now);
		this.experiments.update(new Experiment(testId, experiment.projectId(), experiment.key(),
				orElse(changes.name(), experiment.name()), url, rules, settings,
				orElse(changes.hashSeed(), experiment.hashSeed()), experiment.hashVersion(),
				orElse(changes.customJs(), experiment.customJs()), orElse(changes.customCss(), experiment.customCss()),
				experiment.status(), experiment.completed(), experiment.shareToken(), experiment.createdAt(), now,
				experiment.endedAt(), (changes.targeting() != null) ? changes.targeting() : experiment.targeting(),
				type), now);
		if (!arms.equals(current.variants())) {
			this.variants.replace(testId, arms);
		}
		if (changes.primaryGoalKey() != null) {
			this.experimentGoals.attachPrimary(testId,
					this.goals.byKey(project, "primary_goal_key", changes.primaryGoalKey()).id());
		}
		if (changes.secondaryGoalKeys() != null) {
			Long primaryId = this.experimentGoals.primaryGoalId(testId).orElse(null);
			Map<Long, Goal> secondary = new LinkedHashMap<>();
			secondaryByKey(project, changes).forEach((goal) -> add(secondary, goal, primaryId));
			this.experimentGoals.replaceSecondary(testId, secondary.keySet());
		}
	}

	private List<Variant> revisedArms(ExperimentDetails current, ExperimentChanges changes) {
		List<Variant> arms = new ArrayList<>(current.variants());
		if (changes.control() != null) {
			arms.set(0, changes.control().applyTo(arms.get(0)));
		}
		List<VariantDraft> treatments = changes.variants();
		if (treatments != null && treatments.size() != arms.size() - 1) {
			requireUnstarted(current.experiment(), "the number of variants can change only while it is a draft (9)");
			arms = new ArrayList<>(List.of(arms.get(0).withWeight(1)));
			for (int i = 0; i < treatments.size(); i++) {
				arms.add(treatments.get(i).create(i + 1, 1));
			}
		}
		else if (treatments != null) {
			for (int i = 0; i < treatments.size(); i++) {
				arms.set(i + 1, treatments.get(i).applyTo(arms.get(i + 1)));
			}
		}
		changes.requireWeightsFor(arms.size());
		for (int i = 0; changes.weights() != null && i < arms.size(); i++) {
			arms.set(i, arms.get(i).withWeight(changes.weights().get(i)));
		}
		return arms;
	}

	// Adding or removing arms, or another seed, would reassign visitors and break the
	// results of data collected.
	/**
	 * Saves the schedule with the changes sent. A start can be set only on a draft and
	 * nothing on a concluded experiment, whose rules have nothing left to do.
	 */
	private void reschedule(ProjectContext project, Experiment experiment, Settings settings, ScheduleChanges changes,
			long now) {
		Schedule current = this.schedules.find(experiment.id()).orElse(Schedule.NONE);
		Schedule next = current.apply(changes, project.timeZone(), now);
		requireDecidable(next, settings);
		if (next.equals(current)) {
			return;
		}
		if (experiment.completed()) {
			throw new ExperimentStateConflict(experiment.id(), "concluded",
					"is concluded: its schedule and completion rules can no longer change");
		}
		if (!Objects.equals(next.startAt(), current.startAt()) && next.startAt() != null
				&& experiment.status() != ExperimentStatus.DRAFT) {
			String state = experiment.status().label();
			throw new ExperimentStateConflict(experiment.id(), state,
					"is " + state + ": 'configuration.start_test_date' starts a draft (9) only");
		}
		this.schedules.save(experiment.id(), next);
	}

	/**
	 * Stopping at the first significant p-value of a fixed-horizon test inflates its
	 * false positives; the Bayesian engine and always-valid p-values allow it.
	 */
	private static void requireDecidable(Schedule schedule, Settings settings) {
		if (schedule.completionSignificant() && !settings.bayesian() && !settings.sequential()) {
			throw ExperimentRequest.bad("configuration.completion_stats_significant_flag",
					"needs the Bayesian engine ('bayesian': 1) or always-valid p-values ('sequential': 1): stopping a "
							+ "fixed-horizon test at its first significant p-value inflates its false positives");
		}
	}

	private void requireUnstarted(Experiment experiment, String rule) {
		if (experiment.status() != ExperimentStatus.DRAFT) {
			String state = experiment.status().label();
			throw new ExperimentStateConflict(experiment.id(), state, "is " + state + ": " + rule);
		}
		if (this.experiments.hasData(experiment.id())) {
			throw new ExperimentStateConflict(experiment.id(), "has collected data", "has collected data: " + rule);
		}
	}

	private Goal primaryGoal(ProjectContext project, ExperimentDraft draft) {
		if (draft.primaryGoal() != null) {
			return this.goals.findOrCreate(project, draft.primaryGoal());
		}
		String key = draft.fields().primaryGoalKey();
		return (key != null) ? this.goals.byKey(project, "primary_goal_key", key) : null;
	}

	private List<Goal> secondaryByKey(ProjectContext project, ExperimentChanges changes) {
		List<String> keys = (changes.secondaryGoalKeys() != null) ? changes.secondaryGoalKeys() : List.of();
		return keys.stream().map((key) -> this.goals.byKey(project, "secondary_goal_keys", key)).toList();
	}

	private static void add(Map<Long, Goal> secondary, Goal goal, Long primaryId) {
		if (!Long.valueOf(goal.id()).equals(primaryId)) {
			secondary.putIfAbsent(goal.id(), goal);
		}
	}

	private static String orElse(String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	/** What create-experiment answers. */
	record CreatedExperiment(long testId, ExperimentStatus status, Long goalProfileId, int secondaryGoalsCount,
			List<String> warnings) {
	}

}
