package dev.uplift.tracking;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A project's reporting currency and the rates its operator set, as the writer converts
 * revenue with them: into whole cents of the reporting currency, rounded half to even.
 *
 * @param reportingCurrency the ISO 4217 code results are reported in
 * @param rates per other currency, the reporting currency's units one of its units is
 * worth
 */
record ProjectCurrencies(String reportingCurrency, Map<String, BigDecimal> rates) {

	ProjectCurrencies {
		rates = Map.copyOf(rates);
	}

	/**
	 * The revenue in cents of the reporting currency; empty when its currency has no
	 * rate, or when converted it is worth more than {@link Revenue#MAX_AMOUNT}, so that
	 * its order is left out of revenue.
	 */
	OptionalLong cents(Revenue revenue) {
		BigDecimal amount = revenue.amount();
		String currency = revenue.currency();
		if (currency != null && !currency.equals(this.reportingCurrency)) {
			BigDecimal rate = this.rates.get(currency);
			if (rate == null) {
				return OptionalLong.empty();
			}
			amount = amount.multiply(rate);
			if (amount.compareTo(Revenue.MAX_AMOUNT) > 0) {
				return OptionalLong.empty();
			}
		}
		return OptionalLong.of(amount.movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).longValueExact());
	}

}
