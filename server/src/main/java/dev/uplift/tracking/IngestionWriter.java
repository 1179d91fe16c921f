package dev.uplift.tracking;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits batches of submissions and completes their requests: all of a batch in one transaction,
 * or, when that fails for a reason other than a lost database, each submission alone so that one
 * failure cannot hold back the others.
 */
@Component
class IngestionWriter {

	private static final Logger logger = LoggerFactory.getLogger(IngestionWriter.class);

	private final IngestionTransaction transaction;

	private final TransactionTemplate transactions;

	IngestionWriter(IngestionTransaction transaction, TransactionTemplate transactions) {
		this.transaction = transaction;
		this.transactions = transactions;
	}

	/** Commits the batch; its requests are completed by the acknowledger once committed. */
	void write(List<Submission> batch, Executor acknowledger) {
		try {
			List<List<Rejection>> outcomes = this.transactions.execute((status) -> this.transaction.apply(batch));
			acknowledger.execute(() -> {
				for (int i = 0; i < batch.size(); i++) {
					batch.get(i).outcome().complete(outcomes.get(i));
				}
			});
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1 || databaseUnreachable(ex)) {
				// Without a database every submission would fail alike: fail them at once.
				logger.warn("Could not commit {} submissions: {}", batch.size(), ex.toString());
				batch.forEach((submission) -> submission.outcome().completeExceptionally(ex));
			}
			else {
				batch.forEach((submission) -> write(List.of(submission), acknowledger));
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
