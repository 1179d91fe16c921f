package dev.uplift.experiment;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.uplift.experiment.ExclusionGroupRequest.MemberRequest;
import dev.uplift.project.ProjectChanged;
import dev.uplift.project.ProjectContext;
import dev.uplift.error.InvalidInput;
import dev.uplift.error.NotFound;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exclusion groups of a project (docs/mida-v2-api.md §4.5, docs/exclusion-groups.md):
 * list, create, replace the membership, delete. Every member is an experiment of the
 * project that belongs to no other group; a request that breaks a rule stores nothing.
 */
@Service
class ExclusionGroupService {

	private final JdbcExclusionGroupRepository groups;

	private final JdbcExperimentRepository experiments;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ExclusionGroupService(JdbcExclusionGroupRepository groups, JdbcExperimentRepository experiments,
			ApplicationEventPublisher events, Clock clock) {
		this.groups = groups;
		this.experiments = experiments;
		this.events = events;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	List<ExclusionGroup> list(ProjectContext project) {
		return this.groups.groups(project.id());
	}

	@Transactional(readOnly = true)
	ExclusionGroup get(ProjectContext project, long groupId) {
		return this.groups.groups(project.id())
			.stream()
			.filter((group) -> group.id() == groupId)
			.findFirst()
			.orElseThrow(() -> new NotFound("Exclusion group", groupId));
	}

	/** The group an experiment of the project belongs to, if any. */
	@Transactional(readOnly = true)
	Optional<ExclusionGroup> ofExperiment(ProjectContext project, long testId) {
		return this.groups.groups(project.id())
			.stream()
			.filter((group) -> group.member(testId).isPresent())
			.findFirst();
	}

	@Transactional
	ExclusionGroup create(ProjectContext project, ExclusionGroupRequest request) {
		requireFreeExperiments(project, request.members(), 0);
		this.events.publishEvent(new ProjectChanged(project.id()));
		long id = this.groups.insert(project.id(), request.name(), request.description(), this.clock.millis());
		this.groups.insertMembers(id, request.members());
		return get(project, id);
	}

	@Transactional
	ExclusionGroup update(ProjectContext project, long groupId, ExclusionGroupRequest request) {
		ExclusionGroup group = get(project, groupId);
		if (request.members() != null) {
			requireFreeExperiments(project, request.members(), groupId);
		}
		this.events.publishEvent(new ProjectChanged(project.id()));
		this.groups.update(groupId, (request.name() != null) ? request.name() : group.name(),
				(request.description() != null) ? request.description() : group.description(), this.clock.millis());
		if (request.members() != null) {
			this.groups.deleteMembers(groupId);
			this.groups.insertMembers(groupId, request.members());
		}
		return get(project, groupId);
	}

	/** Removes the group; its experiments keep running, no longer exclusive. */
	@Transactional
	ExclusionGroup delete(ProjectContext project, long groupId) {
		ExclusionGroup group = get(project, groupId);
		this.events.publishEvent(new ProjectChanged(project.id()));
		this.groups.deleteMembers(groupId);
		this.groups.delete(groupId);
		return group;
	}

	// Checked before anything is written, so a bad membership stores nothing.
	private void requireFreeExperiments(ProjectContext project, List<MemberRequest> members, long ownGroupId) {
		List<ExclusionGroup> others = this.groups.groups(project.id())
			.stream()
			.filter((group) -> group.id() != ownGroupId)
			.toList();
		for (int i = 0; i < members.size(); i++) {
			long testId = members.get(i).testId();
			String field = "'tests[" + i + "].test_id' ";
			if (this.experiments.find(project.id(), testId).isEmpty()) {
				throw new InvalidInput(field + "names no experiment of this project: " + testId);
			}
			others.stream().filter((group) -> group.member(testId).isPresent()).findFirst().ifPresent((group) -> {
				throw new InvalidInput(
						field + "names experiment " + testId + ", which already belongs to exclusion group "
								+ group.id() + " ('" + group.name() + "'): an experiment is in at most one group");
			});
		}
	}

}
