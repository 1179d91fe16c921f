package dev.uplift.tracking;

import java.math.BigDecimal;

/**
 * The revenue an event carries, as sent: validated, not yet converted to the project's
 * reporting currency (that takes the project's rates, read by the writer).
 *
 * @param amount at least 0 and at most {@link #MAX_AMOUNT}
 * @param currency an ISO 4217 code in upper case, or null for the reporting currency
 */
record Revenue(BigDecimal amount, String currency) {

	/** The largest amount one event may carry; more is taken for a client's error. */
	static final BigDecimal MAX_AMOUNT = BigDecimal.valueOf(1_000_000_000_000L);

}
