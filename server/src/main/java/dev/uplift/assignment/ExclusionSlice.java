package dev.uplift.assignment;

/**
 * One experiment's slice of an exclusion group (docs/exclusion-groups.md): the group's
 * members get consecutive slices of {@code [0, 1)} in member order, sized by their
 * percents, and a visitor may enter a member only when
 * {@code hash("__exclusion_" + group_id, visitor_id)} falls in that member's slice.
 *
 * @param groupId the exclusion group's id, hashed into the group's seed
 * @param member the experiment's position in the group, from 0
 * @param percents every member's percent in member order, summing to 100 (a copy is kept;
 * the accessor returns it, not to be changed)
 */
public record ExclusionSlice(long groupId, int member, double[] percents) {

	public ExclusionSlice {
		if (percents == null || member < 0 || member >= percents.length) {
			throw new IllegalArgumentException("member " + member + " is not a position of the group's percents");
		}
		percents = percents.clone();
	}

	/** The seed of an exclusion group's hash. */
	public static String seed(long groupId) {
		return "__exclusion_" + groupId;
	}

	/**
	 * The member whose slice holds a point: slice i is {@code [P(i-1) / 100, P(i) / 100)}
	 * with {@code P(i)} the running sum of the percents, summed first and then divided,
	 * as the browser script computes it.
	 * @param point a hash in {@code [0, 1)}
	 * @param percents the members' percents in member order
	 * @return the member's position, or -1 when no slice holds the point
	 */
	public static int memberAt(double point, double[] percents) {
		double runningSum = 0;
		for (int i = 0; i < percents.length; i++) {
			double start = runningSum / 100;
			runningSum += percents[i];
			if (point >= start && point < runningSum / 100) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Whether the visitor's group hash falls in this member's slice, so that the
	 * experiment may take them.
	 */
	public boolean admits(String visitorId) {
		return memberAt(Bucketing.hash(seed(this.groupId), visitorId), this.percents) == this.member;
	}

}
