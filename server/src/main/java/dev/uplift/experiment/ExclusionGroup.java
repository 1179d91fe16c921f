package dev.uplift.experiment;

import java.util.List;
import java.util.Optional;

/**
 * A set of mutually exclusive experiments of one project (docs/exclusion-groups.md).
 *
 * @param id {@code group_id}
 * @param projectId the owning project
 * @param name display name
 * @param description free text, or null
 * @param members the experiments in member order, which decides their slices
 */
record ExclusionGroup(long id, long projectId, String name, String description, List<Member> members) {

	ExclusionGroup {
		members = List.copyOf(members);
	}

	/** The member for this experiment, if it belongs to this group. */
	Optional<Member> member(long testId) {
		return this.members.stream().filter((member) -> member.testId() == testId).findFirst();
	}

	/** What other features read of the group. */
	ExclusionGroupSnapshot snapshot() {
		return new ExclusionGroupSnapshot(this.id, this.members.stream().map(Member::testId).toList(),
				this.members.stream().mapToDouble(Member::percent).toArray());
	}

	/**
	 * One experiment of a group.
	 *
	 * @param testId the experiment's id
	 * @param percent its share of the group's visitors, in percent
	 * @param testName the experiment's {@code test_name}
	 * @param status the experiment's status
	 */
	record Member(long testId, double percent, String testName, ExperimentStatus status) {
	}

}
