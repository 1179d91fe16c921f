package dev.uplift.tracking;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import dev.uplift.project.ProjectContext;
import dev.uplift.error.Unavailable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The bounded queue in front of the writer: back-pressure, completion after the write,
 * drain on stop.
 */
class IngestionPipelineTests {

	private static final ProjectContext PROJECT = new ProjectContext(1, 1, "PipelineProject0000001", ZoneId.of("UTC"));

	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch writing = new CountDownLatch(1);

	private final List<Submission> written = Collections.synchronizedList(new ArrayList<>());

	private final List<List<Submission>> batches = Collections.synchronizedList(new ArrayList<>());

	private final IngestionPipeline pipeline = new IngestionPipeline(new HeldWriter(),
			new TrackingProperties(1_000, 20_000, 2, 500, 1_048_576, 500, 1_000, 7, "", "", ""),
			new SimpleMeterRegistry());

	@AfterEach
	void stop() {
		this.release.countDown();
		this.pipeline.stop();
	}

	@Test
	void submitWhenQueueIsFullThrowsUnavailableWithRetryAfter() throws Exception {
		this.pipeline.start();
		CompletableFuture<List<Rejection>> first = submit(600);
		assertThat(this.writing.await(10, TimeUnit.SECONDS)).isTrue();
		// The writer holds the first 600; the queue holds up to 1,000 more.
		submit(1_000);
		assertThatExceptionOfType(Unavailable.class).isThrownBy(() -> this.pipeline.submit(submission(1)))
			.satisfies((ex) -> assertThat(ex.retryAfterSeconds()).isEqualTo(7))
			.withMessageContaining("queue is full");
		assertThat(first).isNotDone();
	}

	@Test
	void submissionCompletesOnlyAfterTheWriterWroteIt() throws Exception {
		this.pipeline.start();
		CompletableFuture<List<Rejection>> outcome = submit(10);
		assertThat(outcome).isNotDone();
		this.release.countDown();
		assertThat(outcome.get(10, TimeUnit.SECONDS)).isEmpty();
		assertThat(this.written).hasSize(1);
	}

	@Test
	void stopWritesEverythingQueuedAndThenRefusesNewSubmissions() throws Exception {
		this.pipeline.start();
		List<CompletableFuture<List<Rejection>>> outcomes = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			outcomes.add(submit(100));
		}
		this.release.countDown();
		this.pipeline.stop();
		for (CompletableFuture<List<Rejection>> outcome : outcomes) {
			assertThat(outcome).isCompleted();
		}
		assertThat(this.written).hasSize(5);
		assertThatExceptionOfType(Unavailable.class).isThrownBy(() -> this.pipeline.submit(submission(1)))
			.withMessageContaining("shutting down");
	}

	@Test
	void capacityIsReturnedOnceABatchIsWritten() throws Exception {
		this.pipeline.start();
		this.release.countDown();
		for (int i = 0; i < 5; i++) {
			submit(1_000).get(10, TimeUnit.SECONDS);
		}
		assertThat(this.written).hasSize(5);
	}

	@Test
	void aBatchOfAThousandEventsIsWrittenWithoutWaitingOutTheBatchWindow() throws Exception {
		IngestionPipeline minuteWindow = new IngestionPipeline(new HeldWriter(),
				new TrackingProperties(20_000, 20_000, 60_000, 500, 1_048_576, 500, 1_000, 7, "", "", ""),
				new SimpleMeterRegistry());
		this.release.countDown();
		minuteWindow.start();
		try {
			Submission large = submission(IngestionPipeline.NO_WAIT_EVENTS);
			minuteWindow.submit(large);
			assertThat(large.outcome().get(10, TimeUnit.SECONDS)).isEmpty();
		}
		finally {
			minuteWindow.stop();
		}
	}

	@Test
	void submissionAbandonedByItsRequestBeforeTheWriterTookItIsNeverWritten() throws Exception {
		this.pipeline.start();
		CompletableFuture<List<Rejection>> held = submit(10);
		assertThat(this.writing.await(10, TimeUnit.SECONDS)).isTrue();
		Submission abandoned = submission(20);
		this.pipeline.submit(abandoned);
		assertThat(abandoned.abandon()).isTrue();
		CompletableFuture<List<Rejection>> after = submit(30);
		this.release.countDown();
		after.get(10, TimeUnit.SECONDS);
		assertThat(held).isCompleted();
		assertThat(abandoned.outcome()).isNotDone();
		assertThat(this.written).extracting((submission) -> submission.events().size()).containsExactly(10, 30);
	}

	@Test
	void submissionTakenByTheWriterCannotBeAbandoned() throws Exception {
		this.pipeline.start();
		Submission taken = submission(10);
		this.pipeline.submit(taken);
		assertThat(this.writing.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(taken.abandon()).isFalse();
		this.release.countDown();
		assertThat(taken.outcome().get(10, TimeUnit.SECONDS)).isEmpty();
	}

	@Test
	void liveSubmissionQueuedBehindImportChunksIsWrittenWithAtMostOneOfThem() throws Exception {
		this.pipeline.start();
		CompletableFuture<List<Rejection>> held = submit(10);
		assertThat(this.writing.await(10, TimeUnit.SECONDS)).isTrue();
		List<Submission> chunks = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Submission chunk = submission(100, EventSource.IMPORT);
			this.pipeline.submit(chunk);
			chunks.add(chunk);
		}
		Submission live = submission(5, EventSource.COLLECT);
		this.pipeline.submit(live);
		this.release.countDown();
		live.outcome().get(10, TimeUnit.SECONDS);
		for (Submission chunk : chunks) {
			chunk.outcome().get(10, TimeUnit.SECONDS);
		}
		assertThat(held).isCompleted();
		assertThat(this.batches).hasSize(4);
		assertThat(this.batches.get(1)).containsExactly(live, chunks.get(0));
		assertThat(this.batches.get(2)).containsExactly(chunks.get(1));
		assertThat(this.batches.get(3)).containsExactly(chunks.get(2));
	}

	@Test
	void importChunksAloneAreWrittenOnePerBatchInTheirOrder() throws Exception {
		this.release.countDown();
		this.pipeline.start();
		List<Submission> chunks = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Submission chunk = submission(50 + i, EventSource.IMPORT);
			this.pipeline.submit(chunk);
			chunks.add(chunk);
		}
		for (Submission chunk : chunks) {
			chunk.outcome().get(10, TimeUnit.SECONDS);
		}
		assertThat(this.batches).allSatisfy((batch) -> assertThat(batch).hasSize(1));
		assertThat(this.written).containsExactlyElementsOf(chunks);
	}

	private CompletableFuture<List<Rejection>> submit(int events) {
		Submission submission = submission(events);
		this.pipeline.submit(submission);
		return submission.outcome();
	}

	private static Submission submission(int events) {
		return submission(events, EventSource.COLLECT);
	}

	private static Submission submission(int events, EventSource source) {
		List<TrackingEvent> list = new ArrayList<>();
		for (int i = 0; i < events; i++) {
			list.add(new TrackingEvent(EventKind.GOAL, null, "v" + i, 0, 0, 0, null, "goal", null, "{}"));
		}
		return new Submission(PROJECT, source, list);
	}

	/**
	 * A writer that waits for the test's signal, then completes every submission as
	 * written.
	 */
	private final class HeldWriter extends IngestionWriter {

		HeldWriter() {
			super(null, null, null, new SimpleMeterRegistry());
		}

		@Override
		void write(List<Submission> batch, Executor acknowledger) {
			IngestionPipelineTests.this.writing.countDown();
			try {
				IngestionPipelineTests.this.release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				// stop() interrupts the writer thread: keep writing what is queued.
			}
			IngestionPipelineTests.this.written.addAll(batch);
			IngestionPipelineTests.this.batches.add(List.copyOf(batch));
			batch.forEach((submission) -> submission.outcome().complete(List.of()));
		}

	}

}
