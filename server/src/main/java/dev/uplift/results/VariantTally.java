package dev.uplift.results;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.OptionalDouble;

/**
 * Visitors who entered one variant in the window and how many of them converted.
 *
 * @param variant 0 for Control, then 1.. for treatments
 * @param visitors visitors whose entry falls in the window
 * @param conversions those of them who converted at or after entry, by the window's end
 */
public record VariantTally(int variant, long visitors, long conversions) {

	/**
	 * conversions / visitors × 100, rounded half-up to 2 decimals; 0 without visitors
	 * (docs/api.md §2).
	 */
	public double conversionRate() {
		if (this.visitors == 0) {
			return 0.0;
		}
		return BigDecimal.valueOf(this.conversions * 100L)
			.divide(BigDecimal.valueOf(this.visitors), 2, RoundingMode.HALF_UP)
			.doubleValue();
	}

	/**
	 * Relative lift over the control in percent, from the exact rates, rounded half-up to
	 * 2 decimals; empty when the control's rate is 0.
	 */
	public OptionalDouble improvementOver(VariantTally control) {
		if (control.conversions == 0) {
			return OptionalDouble.empty();
		}
		if (this.visitors == 0) {
			// The rate of a variant without visitors is 0 by definition, so the formula
			// gives −100.
			return OptionalDouble.of(-100.0);
		}
		// (cv/nv − cc/nc) / (cc/nc) × 100 = (cv·nc − cc·nv) × 100 / (nv·cc), in exact
		// integers.
		BigInteger numerator = BigInteger.valueOf(this.conversions)
			.multiply(BigInteger.valueOf(control.visitors))
			.subtract(BigInteger.valueOf(control.conversions).multiply(BigInteger.valueOf(this.visitors)))
			.multiply(BigInteger.valueOf(100));
		BigInteger denominator = BigInteger.valueOf(this.visitors).multiply(BigInteger.valueOf(control.conversions));
		return OptionalDouble
			.of(new BigDecimal(numerator).divide(new BigDecimal(denominator), 2, RoundingMode.HALF_UP).doubleValue());
	}

}
