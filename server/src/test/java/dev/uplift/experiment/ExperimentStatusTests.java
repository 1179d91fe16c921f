package dev.uplift.experiment;

import org.junit.jupiter.api.Test;

import dev.uplift.error.InvalidInput;
import dev.uplift.error.StateConflict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExperimentStatusTests {

	@Test
	void changeStatusAllowsTheDocumentedTransitions() {
		int[][] allowed = { { 9, 1 }, { 9, 0 }, { 1, 0 }, { 0, 1 }, { 0, 9 } };
		for (int[] transition : allowed) {
			assertThat(experiment(transition[0], false).changeStatus(transition[1]).status()).isEqualTo(transition[1]);
		}
	}

	@Test
	void changeStatusWhenSameStatusReturnsTheSameExperiment() {
		Experiment live = experiment(1, false);
		assertThat(live.changeStatus(1)).isSameAs(live);
	}

	@Test
	void changeStatusWhenLiveToDraftThrowsConflictNamingTheStates() {
		assertThatExceptionOfType(ExperimentStateConflict.class).isThrownBy(() -> experiment(1, false).changeStatus(9))
			.isInstanceOf(StateConflict.class)
			.withMessageContaining("is live (1)")
			.withMessageContaining("inactive (0)");
	}

	@Test
	void changeStatusWhenValueUnknownThrowsBadRequest() {
		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> experiment(9, false).changeStatus(2));
	}

	@Test
	void changeStatusWhenConcludedToLiveThrowsConflict() {
		assertThatExceptionOfType(ExperimentStateConflict.class).isThrownBy(() -> experiment(0, true).changeStatus(1))
			.withMessageContaining("concluded");
	}

	@Test
	void concludeSetsTheEndOnceAndDeactivates() {
		Experiment concluded = experiment(1, false).conclude(1_000);
		assertThat(concluded.status()).isZero();
		assertThat(concluded.completed()).isTrue();
		assertThat(concluded.endedAt()).isEqualTo(1_000);
		assertThat(concluded.conclude(2_000).endedAt()).isEqualTo(1_000);
	}

	private static Experiment experiment(int status, boolean completed) {
		return new Experiment(7, 1, "7", "Test", "https://example.com/", PageRules.NONE, Settings.DEFAULT, "7", 2, null,
				null, status, completed, null, 0, 0, completed ? 500L : null, Targeting.NONE);
	}

}
