package dev.uplift.results;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Revenue per visitor, per order and its relative lift as results show them: from exact
 * cents, rounded half-up to 2 decimals at the end only (docs/api.md §2).
 */
final class Money {

	private Money() {
	}

	/** Revenue per visitor; 0 without visitors. */
	static double perVisitor(RevenueTally revenue, long visitors) {
		return ratio(revenue.revenueCents(), visitors);
	}

	/** Revenue per order; 0 without orders. */
	static double perOrder(RevenueTally revenue) {
		return ratio(revenue.revenueCents(), revenue.orders());
	}

	/**
	 * Relative lift of revenue per visitor over Control in percent, from the exact
	 * values: (R·n_C − R_C·n) × 100 / (n·R_C); null when Control has no revenue, −100 for
	 * an arm without visitors.
	 */
	static Double improvement(RevenueTally revenue, long visitors, RevenueTally control, long controlVisitors) {
		if (control.revenueCents() <= 0 || controlVisitors == 0) {
			return null;
		}
		if (visitors == 0) {
			return -100.0;
		}
		BigInteger numerator = BigInteger.valueOf(revenue.revenueCents())
			.multiply(BigInteger.valueOf(controlVisitors))
			.subtract(BigInteger.valueOf(control.revenueCents()).multiply(BigInteger.valueOf(visitors)))
			.multiply(BigInteger.valueOf(100));
		BigInteger denominator = BigInteger.valueOf(visitors).multiply(BigInteger.valueOf(control.revenueCents()));
		return new BigDecimal(numerator).divide(new BigDecimal(denominator), 2, RoundingMode.HALF_UP).doubleValue();
	}

	private static double ratio(long cents, long count) {
		if (count == 0) {
			return 0.0;
		}
		return BigDecimal.valueOf(cents)
			.divide(BigDecimal.valueOf(count).movePointRight(2), 2, RoundingMode.HALF_UP)
			.doubleValue();
	}

}
