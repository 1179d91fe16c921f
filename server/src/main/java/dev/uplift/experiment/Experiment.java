package dev.uplift.experiment;

import dev.uplift.error.InvalidInput;

/**
 * An experiment of a project, without its arms and goals, with the rules of its
 * life-cycle: draft (9), live (1) and inactive (0), and the conclusion that ends it.
 *
 * @param id {@code test_id}
 * @param projectId owning project
 * @param key {@code experiment_key}
 * @param name {@code test_name}
 * @param url editor URL, or null
 * @param pageRules {@code page_urls}
 * @param settings traffic split and decision settings
 * @param hashSeed {@code hash_seed}: what the visitor's id is hashed with
 * @param hashVersion {@code hash_version}: 2, or 1 for experiments created under the
 * first scheme
 * @param customJs experiment-wide JavaScript, or null
 * @param customCss experiment-wide CSS, or null
 * @param status 9, 1 or 0
 * @param completed whether it was concluded
 * @param shareToken token of the public share link, or null when sharing is off
 * @param createdAt epoch ms
 * @param updatedAt epoch ms
 * @param endedAt epoch ms of the conclusion, or null
 * @param targeting the audience ({@code targeting})
 */
record Experiment(long id, long projectId, String key, String name, String url, PageRules pageRules, Settings settings,
		String hashSeed, int hashVersion, String customJs, String customCss, int status, boolean completed,
		String shareToken, long createdAt, long updatedAt, Long endedAt, Targeting targeting) {

	static final int LIVE = ExperimentSnapshot.LIVE;

	static final int INACTIVE = ExperimentSnapshot.INACTIVE;

	static final int DRAFT = ExperimentSnapshot.DRAFT;

	/** Checks a status value sent by a client: 0, 1 or 9. */
	static int requireStatus(String field, Integer status) {
		if (status == null || (status != LIVE && status != INACTIVE && status != DRAFT)) {
			throw new InvalidInput("'" + field + "' must be 0 (inactive), 1 (live) or 9 (draft)");
		}
		return status;
	}

	/**
	 * This experiment with the target status. Setting the current status again changes
	 * nothing; live cannot go back to draft, and a concluded experiment stays inactive.
	 */
	Experiment changeStatus(int target) {
		requireStatus("status", target);
		if (target == this.status) {
			return this;
		}
		if (this.status == LIVE && target == DRAFT) {
			throw new ExperimentStateConflict(this.id, "live",
					"is live (1): it can go back to draft (9) only from inactive (0); deactivate it first");
		}
		if (this.completed) {
			throw new ExperimentStateConflict(this.id, "concluded",
					"is concluded: it stays inactive (0) and cannot become " + label(target) + " (" + target + ")");
		}
		return withLifecycle(target, false, null);
	}

	/**
	 * This experiment concluded at {@code now}: inactive and completed; concluding again
	 * keeps the first end.
	 */
	Experiment conclude(long now) {
		return this.completed ? this : withLifecycle(INACTIVE, true, now);
	}

	/** This experiment with sharing on (a token) or off (null). */
	Experiment withShareToken(String token) {
		return new Experiment(this.id, this.projectId, this.key, this.name, this.url, this.pageRules, this.settings,
				this.hashSeed, this.hashVersion, this.customJs, this.customCss, this.status, this.completed, token,
				this.createdAt, this.updatedAt, this.endedAt, this.targeting);
	}

	/** The status label of the API: {@code draft}, {@code live} or {@code inactive}. */
	static String label(int status) {
		return switch (status) {
			case LIVE -> "live";
			case DRAFT -> "draft";
			default -> "inactive";
		};
	}

	private Experiment withLifecycle(int status, boolean completed, Long endedAt) {
		return new Experiment(this.id, this.projectId, this.key, this.name, this.url, this.pageRules, this.settings,
				this.hashSeed, this.hashVersion, this.customJs, this.customCss, status, completed, this.shareToken,
				this.createdAt, this.updatedAt, endedAt, this.targeting);
	}

}
