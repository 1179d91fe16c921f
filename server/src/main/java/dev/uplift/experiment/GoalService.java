package dev.uplift.experiment;

import java.time.Clock;
import java.util.List;

import dev.uplift.project.ProjectChanged;
import dev.uplift.project.ProjectContext;
import dev.uplift.error.Duplicate;
import dev.uplift.error.InvalidInput;
import dev.uplift.error.NotFound;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Goal profiles of a project (docs/mida-v2-api.md §4.7): create, read, update, soft
 * delete, and lookups for experiments.
 */
@Service
class GoalService {

	private final JdbcGoalRepository goals;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	GoalService(JdbcGoalRepository goals, ApplicationEventPublisher events, Clock clock) {
		this.goals = goals;
		this.events = events;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	List<Goal> list(ProjectContext project, int limit, int offset) {
		return this.goals.list(project.id(), limit, offset);
	}

	@Transactional(readOnly = true)
	Goal get(ProjectContext project, long goalId) {
		return this.goals.find(project.id(), goalId).orElseThrow(() -> new NotFound("Goal", goalId));
	}

	@Transactional
	Goal create(ProjectContext project, GoalDraft draft) {
		this.events.publishEvent(new ProjectChanged(project.id()));
		String key = (draft.key() != null) ? requireFreeKey(project, draft.key(), 0) : freeKey(project, draft.name());
		long id = this.goals.insert(project.id(), key, draft, this.clock.millis());
		return get(project, id);
	}

	@Transactional
	Goal update(ProjectContext project, long goalId, GoalChanges changes) {
		this.events.publishEvent(new ProjectChanged(project.id()));
		Goal goal = get(project, goalId);
		GoalDraft changed = changes.applyTo(goal);
		requireFreeKey(project, changed.key(), goalId);
		this.goals.update(goalId, changed, this.clock.millis());
		return get(project, goalId);
	}

	@Transactional
	Goal delete(ProjectContext project, long goalId) {
		this.events.publishEvent(new ProjectChanged(project.id()));
		Goal goal = get(project, goalId);
		this.goals.delete(goalId, this.clock.millis());
		return goal;
	}

	/**
	 * The goal with the same name and type as the draft, or a new one
	 * (docs/mida-v2-api.md §4.2: inline goals are reused).
	 */
	Goal findOrCreate(ProjectContext project, GoalDraft draft) {
		return this.goals.findByNameAndType(project.id(), draft.name(), draft.type().apiName())
			.orElseGet(() -> create(project, draft));
	}

	/** The goal a request names by key in {@code field}; an unknown key is a 400. */
	Goal byKey(ProjectContext project, String field, String key) {
		return this.goals.findByKey(project.id(), key)
			.orElseThrow(() -> new InvalidInput(
					"'" + field + "' names no goal of this project: '" + key + "'; create it with POST /goal first"));
	}

	private String requireFreeKey(ProjectContext project, String key, long ownId) {
		this.goals.findByKey(project.id(), key).filter((other) -> other.id() != ownId).ifPresent((other) -> {
			throw new Duplicate("A goal with goal_key '" + key + "' already exists in this project");
		});
		return key;
	}

	private String freeKey(ProjectContext project, String name) {
		String base = Slugs.from(name, "goal");
		String key = base;
		for (int suffix = 2; this.goals.findByKey(project.id(), key).isPresent(); suffix++) {
			key = base + "_" + suffix;
		}
		return key;
	}

}
