package dev.uplift.project;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A project's settings that apply to all its experiments: the time zone of its days, its
 * reporting currency with the rates of other currencies, its default primary goal, and
 * whether its pages wait for consent.
 *
 * @param timeZone the zone of date windows and rollup days
 * @param reportingCurrency the ISO 4217 code revenue is reported in
 * @param currencyRates per other currency, how many units of the reporting currency one
 * of its units is worth, by code
 * @param defaultGoal the default primary goal, or null for none
 * @param consentRequired whether the browser script waits for the visitor's consent
 */
public record ProjectConfiguration(ZoneId timeZone, String reportingCurrency, Map<String, BigDecimal> currencyRates,
		DefaultGoal defaultGoal, boolean consentRequired) {

	private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies()
		.stream()
		.map(Currency::getCurrencyCode)
		.collect(Collectors.toUnmodifiableSet());

	public ProjectConfiguration {
		currencyRates = Collections.unmodifiableMap(new TreeMap<>(currencyRates));
	}

	/** Whether the text is an ISO 4217 currency code, in upper case. */
	public static boolean isCurrencyCode(String code) {
		return CURRENCIES.contains(code);
	}

	/** The default primary goal, if the project has one. */
	public Optional<DefaultGoal> primaryGoal() {
		return Optional.ofNullable(this.defaultGoal);
	}

}
