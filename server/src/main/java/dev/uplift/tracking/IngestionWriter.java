package dev.uplift.tracking;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits batches of submissions and completes their requests: all of a batch in one
 * transaction, or, when that fails for a reason other than a lost database, each
 * submission alone so that one failure cannot hold back the others.
 */
@Component
class IngestionWriter {

	private static final Logger logger = LoggerFactory.getLogger(IngestionWriter.class);

	private final IngestionTransaction transaction;

	private final IngestionLocks locks;

	private final TransactionTemplate transactions;

	private final Timer commits;

	private final Counter events;

	IngestionWriter(IngestionTransaction transaction, IngestionLocks locks, TransactionTemplate transactions,
			MeterRegistry registry) {
		this.transaction = transaction;
		this.locks = locks;
		this.transactions = transactions;
		this.commits = Timer.builder("uplift.ingestion.commits")
			.description("Transactions of the ingestion writer, one per batch of requests")
			.register(registry);
		this.events = Counter.builder("uplift.ingestion.events")
			.description("Events in committed batches, stored or rejected")
			.register(registry);
	}

	/**
	 * Commits the batch; its requests are completed by the acknowledger once committed.
	 */
	void write(List<Submission> batch, Executor acknowledger) {
		this.locks.transactions(batch).forEach((part) -> commit(part, acknowledger));
	}

	private void commit(List<Submission> batch, Executor acknowledger) {
		try {
			long started = System.nanoTime();
			List<IngestionTransaction.Outcome> outcomes = this.transactions
				.execute((status) -> this.transaction.apply(batch));
			this.commits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			this.events.increment(batch.stream().mapToInt((submission) -> submission.events().size()).sum());
			acknowledger.execute(() -> {
				for (int i = 0; i < batch.size(); i++) {
					outcomes.get(i).complete(batch.get(i));
				}
			});
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1 || databaseUnreachable(ex)) {
				// Without a database every submission would fail alike: fail them at
				// once.
				logger.warn("Could not commit {} submissions: {}", batch.size(), ex.toString());
				batch.forEach((submission) -> submission.outcome().completeExceptionally(ex));
			}
			else {
				batch.forEach((submission) -> commit(List.of(submission), acknowledger));
			}
		}
	}

	private static boolean databaseUnreachable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException) {
				return true;
			}
		}
		return false;
	}

}
