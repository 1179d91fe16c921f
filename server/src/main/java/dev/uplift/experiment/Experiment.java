package dev.uplift.experiment;

import static dev.uplift.experiment.ExperimentStatus.DRAFT;
import static dev.uplift.experiment.ExperimentStatus.INACTIVE;
import static dev.uplift.experiment.ExperimentStatus.LIVE;

/**
 * An experiment of a project, without its arms and goals, with the rules of its
 * life-cycle: start, pause, reopen as draft, and the conclusion that ends it.
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
 * @param status draft, live or inactive
 * @param completed whether it was concluded
 * @param shareToken token of the public share link, or null when sharing is off
 * @param createdAt epoch ms
 * @param updatedAt epoch ms
 * @param endedAt epoch ms of the conclusion, or null
 * @param targeting the audience ({@code targeting})
 * @param testType {@code test_type}: an A/B or a split-URL test
 */
record Experiment(long id, long projectId, String key, String name, String url, PageRules pageRules, Settings settings,
		String hashSeed, int hashVersion, String customJs, String customCss, ExperimentStatus status, boolean completed,
		String shareToken, long createdAt, long updatedAt, Long endedAt, Targeting targeting, TestType testType) {

	/**
	 * This experiment live; starting it again changes nothing, a concluded one cannot.
	 */
	Experiment start() {
		if (this.status == LIVE) {
			return this;
		}
		requireUnconcluded(LIVE);
		return withLifecycle(LIVE, false, null);
	}

	/** This experiment paused (inactive); pausing it again changes nothing. */
	Experiment pause() {
		if (this.status == INACTIVE) {
			return this;
		}
		requireUnconcluded(INACTIVE);
		return withLifecycle(INACTIVE, false, null);
	}

	/**
	 * This experiment back in draft, from inactive only: live must pause first, and a
	 * concluded experiment stays inactive.
	 */
	Experiment reopen() {
		if (this.status == DRAFT) {
			return this;
		}
		if (this.status == LIVE) {
			throw new ExperimentStateConflict(this.id, LIVE.label(),
					"is live (1): it can go back to draft (9) only from inactive (0); deactivate it first");
		}
		requireUnconcluded(DRAFT);
		return withLifecycle(DRAFT, false, null);
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
				this.createdAt, this.updatedAt, this.endedAt, this.targeting, this.testType);
	}

	private void requireUnconcluded(ExperimentStatus target) {
		if (this.completed) {
			throw new ExperimentStateConflict(this.id, "concluded", "is concluded: it stays inactive (0) and cannot "
					+ "become " + target.label() + " (" + target.code() + ")");
		}
	}

	private Experiment withLifecycle(ExperimentStatus status, boolean completed, Long endedAt) {
		return new Experiment(this.id, this.projectId, this.key, this.name, this.url, this.pageRules, this.settings,
				this.hashSeed, this.hashVersion, this.customJs, this.customCss, status, completed, this.shareToken,
				this.createdAt, this.updatedAt, endedAt, this.targeting, this.testType);
	}

}
