package dev.uplift.experiment;

import static dev.uplift.experiment.ExperimentViews.number;

import java.util.List;

import jakarta.validation.Valid;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.experiment.ExclusionGroup.Member;
import dev.uplift.experiment.ExclusionGroupRequest.ExclusionGroupBody;
import dev.uplift.project.ProjectContext;
import dev.uplift.web.PathId;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Exclusion groups of a project in Mida's shapes (docs/mida-v2-api.md §4.5). */
@RestController
class ExclusionGroupController {

	private static final String PATH = "/v2/project/{project_key}/exclusion-groups";

	private final ExclusionGroupService groups;

	ExclusionGroupController(ExclusionGroupService groups) {
		this.groups = groups;
	}

	@GetMapping(PATH)
	GroupList list(ProjectContext project) {
		return new GroupList(true, this.groups.list(project).stream().map(GroupView::of).toList());
	}

	@PostMapping(PATH)
	GroupCreated create(ProjectContext project, @Valid @RequestBody ExclusionGroupBody body) {
		ExclusionGroup group = this.groups.create(project, ExclusionGroupRequest.create(body));
		return new GroupCreated(true, group.id(), group.name(), tests(group.members()));
	}

	@PatchMapping(PATH + "/{group_id}")
	GroupUpdated update(ProjectContext project, @PathVariable("group_id") String groupId,
			@Valid @RequestBody ExclusionGroupBody body) {
		long id = PathId.parse("group_id", groupId);
		ExclusionGroup group = this.groups.update(project, id, ExclusionGroupRequest.update(body));
		return new GroupUpdated(true, group.id(), group.name(), tests(group.members()));
	}

	@DeleteMapping(PATH + "/{group_id}")
	GroupDeleted delete(ProjectContext project, @PathVariable("group_id") String groupId) {
		ExclusionGroup group = this.groups.delete(project, PathId.parse("group_id", groupId));
		return new GroupDeleted(true, group.id(), group.name(),
				"The group is deleted; its experiments keep running, no longer mutually exclusive.");
	}

	private static List<GroupShare> tests(List<Member> members) {
		return members.stream().map((member) -> new GroupShare(member.testId(), number(member.percent()))).toList();
	}

	/**
	 * The project's exclusion groups.
	 *
	 * @param success always true
	 * @param groups the groups
	 */
	record GroupList(boolean success, List<GroupView> groups) {
	}

	/**
	 * An exclusion group with its experiments.
	 *
	 * @param id the group
	 * @param name its name
	 * @param description its description, or null
	 * @param tests its experiments and their shares
	 */
	record GroupView(long id, String name, String description, List<GroupMember> tests) {

		static GroupView of(ExclusionGroup group) {
			return new GroupView(group.id(), group.name(), group.description(),
					group.members()
						.stream()
						.map((member) -> new GroupMember(member.testId(), number(member.percent()), member.testName(),
								member.status().code()))
						.toList());
		}

	}

	/**
	 * An experiment of a group, as the list shows it.
	 *
	 * @param testId the experiment
	 * @param percent its share of the group's traffic
	 * @param testName its name
	 * @param status its status code
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record GroupMember(long testId, Number percent, String testName, int status) {
	}

	/**
	 * An experiment's share of a group's traffic.
	 *
	 * @param testId the experiment
	 * @param percent its share
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record GroupShare(long testId, Number percent) {
	}

	/**
	 * A created group.
	 *
	 * @param success always true
	 * @param groupId the group
	 * @param name its name
	 * @param tests its experiments and their shares
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record GroupCreated(boolean success, long groupId, String name, List<GroupShare> tests) {
	}

	/**
	 * An updated group.
	 *
	 * @param success always true
	 * @param groupId the group
	 * @param groupName its name
	 * @param tests its experiments and their shares
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record GroupUpdated(boolean success, long groupId, String groupName, List<GroupShare> tests) {
	}

	/**
	 * A deleted group.
	 *
	 * @param success always true
	 * @param groupId the group
	 * @param groupName its name
	 * @param note what becomes of its experiments
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record GroupDeleted(boolean success, long groupId, String groupName, String note) {
	}

}
