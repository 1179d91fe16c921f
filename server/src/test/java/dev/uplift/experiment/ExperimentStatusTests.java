package dev.uplift.experiment;

import org.junit.jupiter.api.Test;

import dev.uplift.error.InvalidInput;
import dev.uplift.error.StateConflict;

import static dev.uplift.experiment.ExperimentStatus.DRAFT;
import static dev.uplift.experiment.ExperimentStatus.INACTIVE;
import static dev.uplift.experiment.ExperimentStatus.LIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExperimentStatusTests {

	@Test
	void transitionsAllowTheDocumentedMoves() {
		assertThat(experiment(DRAFT, false).start().status()).isEqualTo(LIVE);
		assertThat(experiment(DRAFT, false).pause().status()).isEqualTo(INACTIVE);
		assertThat(experiment(LIVE, false).pause().status()).isEqualTo(INACTIVE);
		assertThat(experiment(INACTIVE, false).start().status()).isEqualTo(LIVE);
		assertThat(experiment(INACTIVE, false).reopen().status()).isEqualTo(DRAFT);
	}

	@Test
	void startWhenLiveReturnsTheSameExperiment() {
		Experiment live = experiment(LIVE, false);
		assertThat(live.start()).isSameAs(live);
	}

	@Test
	void reopenWhenLiveThrowsConflictNamingTheStates() {
		assertThatExceptionOfType(ExperimentStateConflict.class).isThrownBy(() -> experiment(LIVE, false).reopen())
			.isInstanceOf(StateConflict.class)
			.withMessageContaining("is live (1)")
			.withMessageContaining("inactive (0)")
			.satisfies((ex) -> assertThat(ex.state()).isEqualTo("live"));
	}

	@Test
	void fromClientWhenValueUnknownThrowsInvalidInputNamingTheField() {
		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> ExperimentStatus.fromClient("status", 2))
			.withMessage("'status' must be 0 (inactive), 1 (live) or 9 (draft)")
			.satisfies((ex) -> assertThat(ex.field()).contains("status"));
	}

	@Test
	void fromClientReadsTheCodesOfTheApi() {
		assertThat(ExperimentStatus.fromClient("status", 9)).isEqualTo(DRAFT);
		assertThat(ExperimentStatus.fromClient("status", 1)).isEqualTo(LIVE);
		assertThat(ExperimentStatus.fromClient("status", 0)).isEqualTo(INACTIVE);
	}

	@Test
	void startWhenConcludedThrowsConflict() {
		assertThatExceptionOfType(ExperimentStateConflict.class).isThrownBy(() -> experiment(INACTIVE, true).start())
			.withMessageContaining("concluded")
			.withMessageContaining("cannot become live (1)");
	}

	@Test
	void concludeSetsTheEndOnceAndDeactivates() {
		Experiment concluded = experiment(LIVE, false).conclude(1_000);
		assertThat(concluded.status()).isEqualTo(INACTIVE);
		assertThat(concluded.completed()).isTrue();
		assertThat(concluded.endedAt()).isEqualTo(1_000);
		assertThat(concluded.conclude(2_000).endedAt()).isEqualTo(1_000);
	}

	private static Experiment experiment(ExperimentStatus status, boolean completed) {
		return new Experiment(7, 1, "7", "Test", "https://example.com/", PageRules.NONE, Settings.DEFAULT, "7", 2, null,
				null, status, completed, null, 0, 0, completed ? 500L : null, Targeting.NONE, TestType.ABTEST);
	}

}
