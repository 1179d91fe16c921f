package dev.uplift.experiment;

/**
 * A goal profile of a project: what counts as a conversion.
 *
 * @param id {@code goal_profile_id}
 * @param projectId owning project
 * @param key {@code goal_key}, unique among the project's goals that are not deleted
 * @param name {@code goal_name}
 * @param type {@code goal_type}, one of {@link GoalType}
 * @param value {@code goal_value}
 * @param purpose {@code sell}, {@code engage} or {@code generate}
 * @param elementUrl page of the element or form, or null
 * @param status 1 active, 2 deleted
 * @param createdAt epoch ms
 * @param updatedAt epoch ms
 */
record Goal(long id, long projectId, String key, String name, String type, String value, String purpose,
		String elementUrl, int status, long createdAt, long updatedAt) {

	static final int ACTIVE = 1;

	static final int DELETED = 2;

	ExperimentSnapshot.GoalSnapshot snapshot(boolean primary) {
		return new ExperimentSnapshot.GoalSnapshot(this.id, this.key, this.name, this.type, this.value, primary,
				this.elementUrl);
	}

}
