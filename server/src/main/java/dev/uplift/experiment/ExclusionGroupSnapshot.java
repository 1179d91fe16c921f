package dev.uplift.experiment;

import java.util.List;
import java.util.Optional;

import dev.uplift.assignment.ExclusionSlice;

/**
 * An exclusion group as the browser script and the SDK routes need it
 * (docs/exclusion-groups.md).
 *
 * @param groupId {@code group_id}, hashed into the group's seed
 * @param testIds the member experiments in member order
 * @param percents their percents in the same order, summing to 100 (a copy is kept; the
 * accessor returns it, not to be changed)
 */
public record ExclusionGroupSnapshot(long groupId, List<Long> testIds, double[] percents) {

	public ExclusionGroupSnapshot {
		testIds = List.copyOf(testIds);
		percents = percents.clone();
	}

	/** The experiment's slice of this group, when it is a member. */
	public Optional<ExclusionSlice> slice(long testId) {
		int member = this.testIds.indexOf(testId);
		return (member < 0) ? Optional.empty() : Optional.of(new ExclusionSlice(this.groupId, member, this.percents));
	}

}
