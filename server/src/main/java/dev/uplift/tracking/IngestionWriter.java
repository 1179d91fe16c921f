package dev.uplift.tracking;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits batches of submissions and completes their requests: all of a batch in one transaction,
 * or, when that fails, each submission alone so that one failure cannot hold back the others.
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

	void write(List<Submission> batch) {
		try {
			List<List<Rejection>> outcomes = this.transactions.execute((status) -> this.transaction.apply(batch));
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).outcome().complete(outcomes.get(i));
			}
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1) {
				logger.warn("Could not commit {} events: {}", batch.get(0).events().size(), ex.toString());
				batch.get(0).outcome().completeExceptionally(ex);
			}
			else {
				batch.forEach((submission) -> write(List.of(submission)));
			}
		}
	}

}
