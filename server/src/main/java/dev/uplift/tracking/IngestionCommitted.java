package dev.uplift.tracking;

import java.util.List;
import java.util.Map;

/**
 * What one committed ingestion transaction wrote, published to listeners after its
 * commit: the {@code write_seq} each project's row lock gave it, and the keys of the
 * entries and conversions it inserted or changed. Listeners read the rows themselves.
 *
 * @param writeSeqs per project id, the project's {@code write_seq} after this transaction
 * @param entries the entries inserted (or found already stored) by exposures
 * @param conversions the conversions inserted or changed
 */
public record IngestionCommitted(Map<Long, Long> writeSeqs, List<EntryKey> entries, List<ConversionKey> conversions) {

	public IngestionCommitted {
		writeSeqs = Map.copyOf(writeSeqs);
		entries = List.copyOf(entries);
		conversions = List.copyOf(conversions);
	}

	/** A visitor's entry into an experiment. */
	public record EntryKey(long testId, String visitorId) {
	}

	/** A visitor's conversion on one goal of an experiment. */
	public record ConversionKey(long testId, long goalId, String visitorId) {
	}

}
