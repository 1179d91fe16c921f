package dev.uplift.scale;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import tools.jackson.databind.json.JsonMapper;

/**
 * A random event stream in three phases whose outcome does not depend on the order in
 * which concurrent nodes process it, with its {@link TrafficOracle}. Within a phase
 * everything is shuffled and sent concurrently; a phase starts only once every batch of
 * the previous one is acknowledged. Per visitor: entry exposures (all naming one variant)
 * in the entry phase; re-exposures to another arm and the conversions that count in the
 * phase after; conversions before entry in the phase before. So the events whose relative
 * order decides a number are never in flight together, and the oracle can predict every
 * count exactly.
 */
final class TrafficPlan {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final int PHASES = 3;

	private static final String[] UNTRACKED_EVENTS = { "Scroll", "VideoPlay" };

	private final Random random;

	private final TrafficOracle oracle = new TrafficOracle();

	private final List<List<Map<String, Object>>> phases = new ArrayList<>();

	private final List<ExperimentSpec> experiments;

	private final List<GoalSpec> goals;

	private int eventCounter;

	private TrafficPlan(long seed, List<ExperimentSpec> experiments, List<GoalSpec> goals) {
		this.random = new Random(seed);
		this.experiments = experiments;
		this.goals = goals;
		for (int p = 0; p < PHASES; p++) {
			this.phases.add(new ArrayList<>());
		}
		experiments.stream().filter(ExperimentSpec::live).forEach((e) -> this.oracle.experiment(e.testId(), e.arms()));
	}

	/**
	 * A plan for {@code visitorCount} visitors over the given experiments and project
	 * goals.
	 */
	static TrafficPlan generate(long seed, int visitorCount, List<ExperimentSpec> experiments, List<GoalSpec> goals) {
		TrafficPlan plan = new TrafficPlan(seed, experiments, goals);
		for (int i = 0; i < visitorCount; i++) {
			plan.visitor("v" + i + "-" + Long.toString(plan.random.nextLong() & 0xffffffL, 36));
		}
		plan.phases.forEach((phase) -> Collections.shuffle(phase, plan.random));
		return plan;
	}

	/** The events of a phase, shuffled. */
	List<Map<String, Object>> phase(int index) {
		return this.phases.get(index);
	}

	int phaseCount() {
		return PHASES;
	}

	TrafficOracle oracle() {
		return this.oracle;
	}

	/**
	 * Collect bodies of random sizes (1 to {@code maxBatch} events) covering the events
	 * in order.
	 */
	List<String> batches(List<Map<String, Object>> events, int maxBatch) {
		List<String> bodies = new ArrayList<>();
		int from = 0;
		while (from < events.size()) {
			int to = Math.min(events.size(), from + 1 + this.random.nextInt(maxBatch));
			bodies.add(json.writeValueAsString(Map.of("events", events.subList(from, to))));
			from = to;
		}
		return bodies;
	}

	/**
	 * Pairs of collect bodies that split the same visitors' events between them, to be
	 * sent to two nodes at once: the events ordered by visitor (a duplicate next to its
	 * copy) and dealt alternately, 1 to {@code maxBatch} events a body. Within a phase
	 * every order gives the same numbers, so a lost update or a double count under the
	 * nodes' concurrent transactions shows as a difference from the oracle.
	 */
	List<List<String>> pairs(List<Map<String, Object>> events, int maxBatch) {
		List<Map<String, Object>> byVisitor = new ArrayList<>(events);
		byVisitor.sort(Comparator.comparing((Map<String, Object> event) -> (String) event.get("visitor_id"))
			.thenComparing((event) -> (String) event.get("event_id")));
		List<List<String>> pairs = new ArrayList<>();
		int from = 0;
		while (from < byVisitor.size()) {
			int to = Math.min(byVisitor.size(), from + 2 * (1 + this.random.nextInt(maxBatch)));
			List<List<Map<String, Object>>> halves = List.of(new ArrayList<>(), new ArrayList<>());
			for (int i = from; i < to; i++) {
				halves.get(i % 2).add(byVisitor.get(i));
			}
			pairs.add(halves.stream()
				.filter((half) -> !half.isEmpty())
				.map((half) -> json.writeValueAsString(Map.of("events", half)))
				.toList());
			from = to;
		}
		return pairs;
	}

	private void visitor(String visitorId) {
		boolean neverExposed = this.random.nextDouble() < 0.1;
		int entryPhase = (this.random.nextDouble() < 0.7) ? 0 : 1;
		boolean entersAny = false;
		for (ExperimentSpec experiment : this.experiments) {
			if (neverExposed || this.random.nextDouble() >= (experiment.live() ? 0.6 : 0.2)) {
				continue;
			}
			int variant = this.random.nextInt(experiment.arms());
			for (int copies = 1 + this.random.nextInt(2); copies > 0; copies--) {
				emit(entryPhase, exposure(visitorId, experiment.testId(), variant), this.random.nextDouble() < 0.1);
			}
			if (this.random.nextDouble() < 0.3) {
				int other = (variant + 1 + this.random.nextInt(experiment.arms() - 1)) % experiment.arms();
				emit(entryPhase + 1, exposure(visitorId, experiment.testId(), other), false);
			}
			if (experiment.live() && !(experiment.pausedAfterFirstPhase() && entryPhase > 0)) {
				this.oracle.enter(experiment.testId(), visitorId, variant);
				entersAny = true;
			}
		}
		if (neverExposed) {
			for (int n = this.random.nextInt(4); n > 0; n--) {
				emit(this.random.nextInt(PHASES), conversion(visitorId, false), this.random.nextDouble() < 0.1);
			}
			if (this.random.nextDouble() < 0.05) {
				// Names a variant the experiment does not have: rejected, stored nowhere.
				ExperimentSpec experiment = this.experiments.get(0);
				add(this.random.nextInt(PHASES), exposure(visitorId, experiment.testId(), experiment.arms()));
			}
			return;
		}
		if (entryPhase > 0) {
			for (int n = this.random.nextInt(3); n > 0; n--) {
				emit(entryPhase - 1, conversion(visitorId, false), false);
			}
		}
		for (int n = this.random.nextInt(4); n > 0; n--) {
			emit(entryPhase + 1, conversion(visitorId, entersAny), this.random.nextDouble() < 0.1);
		}
	}

	private Map<String, Object> exposure(String visitorId, long testId, int variant) {
		Map<String, Object> event = event("exposure", visitorId);
		event.put("test_id", testId);
		event.put("variant_id", Integer.toString(variant));
		event.put("attributes", Map.of("device", this.random.nextBoolean() ? "mobile" : "desktop"));
		return event;
	}

	/**
	 * A goal or named event; when {@code counts}, the oracle counts it for the visitor's
	 * experiments.
	 */
	private Map<String, Object> conversion(String visitorId, boolean counts) {
		int pick = this.random.nextInt(this.goals.size() + UNTRACKED_EVENTS.length);
		Map<String, Object> event;
		Double revenue = null;
		if (pick >= this.goals.size()) {
			event = event("event", visitorId);
			event.put("name", UNTRACKED_EVENTS[pick - this.goals.size()]);
		}
		else if (this.goals.get(pick).eventName() != null) {
			event = event("event", visitorId);
			event.put("name", this.goals.get(pick).eventName());
			if (this.random.nextBoolean()) {
				// Quarters add up exactly in binary floating point, in any order.
				revenue = (1 + this.random.nextInt(400)) * 0.25;
				event.put("properties", Map.of("revenue", revenue, "currency", "USD"));
			}
		}
		else {
			event = event("goal", visitorId);
			event.put("goal_key", this.goals.get(pick).key());
		}
		if (counts) {
			for (ExperimentSpec experiment : this.experiments) {
				for (GoalSpec goal : experiment.goals()) {
					if (goal.matches(event) && experiment.live()
							&& this.oracle.entered(experiment.testId(), visitorId)) {
						this.oracle.convert(experiment.testId(), goal.id(), visitorId, revenue);
					}
				}
			}
		}
		return event;
	}

	private Map<String, Object> event(String type, String visitorId) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", type);
		event.put("event_id",
				"e" + (this.eventCounter++) + "-" + Long.toString(this.random.nextLong() & 0xffffffL, 36));
		event.put("visitor_id", visitorId);
		return event;
	}

	/**
	 * Adds an accepted event to a phase, twice (same event_id) when {@code duplicate}.
	 */
	private void emit(int phase, Map<String, Object> event, boolean duplicate) {
		this.oracle.accepted((String) event.get("event_id"));
		add(phase, event);
		if (duplicate) {
			add(phase, event);
		}
	}

	private void add(int phase, Map<String, Object> event) {
		this.phases.get(phase).add(event);
	}

	/**
	 * An experiment of the plan.
	 *
	 * @param testId its id
	 * @param arms number of variants, control included
	 * @param goals goals it tracks
	 * @param live whether it is live when the stream starts
	 * @param pausedAfterFirstPhase whether it is paused once the first phase is
	 * acknowledged
	 */
	record ExperimentSpec(long testId, int arms, List<GoalSpec> goals, boolean live, boolean pausedAfterFirstPhase) {
	}

	/**
	 * A goal of the project.
	 *
	 * @param id {@code goal_profile_id}
	 * @param key {@code goal_key}, matched by {@code goal} events
	 * @param eventName {@code goal_value} of an {@code event} goal, matched by named
	 * events, or null
	 */
	record GoalSpec(long id, String key, String eventName) {

		boolean matches(Map<String, Object> event) {
			return switch ((String) event.get("type")) {
				case "goal" -> this.key.equals(event.get("goal_key"));
				case "event" -> this.eventName != null && this.eventName.equals(event.get("name"));
				default -> false;
			};
		}

	}

}
