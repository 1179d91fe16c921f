package dev.uplift.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.uplift.experiment.ExclusionGroup.Member;
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
	Map<String, Object> list(ProjectContext project) {
		Map<String, Object> view = ExperimentViews.success();
		view.put("groups", this.groups.list(project).stream().map(ExclusionGroupController::group).toList());
		return view;
	}

	@PostMapping(PATH)
	Map<String, Object> create(ProjectContext project, @RequestBody JsonNode body) {
		ExclusionGroup group = this.groups.create(project, ExclusionGroupRequest.create(JsonFields.of(body)));
		Map<String, Object> view = ExperimentViews.success();
		view.put("group_id", group.id());
		view.put("name", group.name());
		view.put("tests", tests(group.members()));
		return view;
	}

	@PatchMapping(PATH + "/{group_id}")
	Map<String, Object> update(ProjectContext project, @PathVariable("group_id") String groupId,
			@RequestBody JsonNode body) {
		long id = PathId.parse("group_id", groupId);
		ExclusionGroup group = this.groups.update(project, id, ExclusionGroupRequest.update(JsonFields.of(body)));
		Map<String, Object> view = named(group);
		view.put("tests", tests(group.members()));
		return view;
	}

	@DeleteMapping(PATH + "/{group_id}")
	Map<String, Object> delete(ProjectContext project, @PathVariable("group_id") String groupId) {
		ExclusionGroup group = this.groups.delete(project, PathId.parse("group_id", groupId));
		Map<String, Object> view = named(group);
		view.put("note", "The group is deleted; its experiments keep running, no longer mutually exclusive.");
		return view;
	}

	/** How experiment details name the group an experiment belongs to. */
	static Map<String, Object> membership(ExclusionGroup group, long testId) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("group_id", group.id());
		view.put("name", group.name());
		view.put("percent",
				group.member(testId).map((member) -> ExperimentViews.number(member.percent())).orElse(null));
		return view;
	}

	private static Map<String, Object> named(ExclusionGroup group) {
		Map<String, Object> view = ExperimentViews.success();
		view.put("group_id", group.id());
		view.put("group_name", group.name());
		return view;
	}

	private static Map<String, Object> group(ExclusionGroup group) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", group.id());
		view.put("name", group.name());
		view.put("description", group.description());
		view.put("tests", group.members().stream().map((member) -> {
			Map<String, Object> test = member(member);
			test.put("test_name", member.testName());
			test.put("status", member.status().code());
			return test;
		}).toList());
		return view;
	}

	private static List<Map<String, Object>> tests(List<Member> members) {
		return members.stream().map(ExclusionGroupController::member).toList();
	}

	private static Map<String, Object> member(Member member) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("test_id", member.testId());
		view.put("percent", ExperimentViews.number(member.percent()));
		return view;
	}

}
