package dev.uplift.tracking;

import java.math.BigDecimal;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revenue in the reporting currency: kept, converted by the operator's rate, or left out.
 */
class ProjectCurrenciesTests {

	private final ProjectCurrencies currencies = new ProjectCurrencies("USD",
			Map.of("EUR", new BigDecimal("1.0825"), "JPY", new BigDecimal("0.0067")));

	@Test
	void centsWhenReportingCurrencyOrNoneKeepsTheAmountRoundedHalfEven() {
		assertThat(this.currencies.cents(new Revenue(new BigDecimal("49.99"), null))).hasValue(4999);
		assertThat(this.currencies.cents(new Revenue(new BigDecimal("0.125"), "USD"))).hasValue(12);
		assertThat(this.currencies.cents(new Revenue(new BigDecimal("0.135"), "USD"))).hasValue(14);
	}

	@Test
	void centsWhenRateExistsConvertsByIt() {
		// 10 EUR × 1.0825 = 10.825 USD → 1082 cents (half to even); 1500 JPY × 0.0067 =
		// 10.05
		assertThat(this.currencies.cents(new Revenue(BigDecimal.TEN, "EUR"))).hasValue(1082);
		assertThat(this.currencies.cents(new Revenue(new BigDecimal("1500"), "JPY"))).hasValue(1005);
	}

	@Test
	void centsWhenNoRateOrAbsurdOnceConvertedIsEmpty() {
		assertThat(this.currencies.cents(new Revenue(BigDecimal.TEN, "GBP"))).isEqualTo(OptionalLong.empty());
		ProjectCurrencies huge = new ProjectCurrencies("JPY", Map.of("USD", new BigDecimal("150")));
		assertThat(huge.cents(new Revenue(Revenue.MAX_AMOUNT, "USD"))).isEqualTo(OptionalLong.empty());
	}

}
