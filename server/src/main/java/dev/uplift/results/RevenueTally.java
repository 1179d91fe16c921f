package dev.uplift.results;

import java.math.BigDecimal;

/**
 * The revenue of the visitors one variant's tally counts as converted: their revenue to
 * date in cents of the project's reporting currency, their orders, and the sum of the
 * squares of each visitor's revenue, which the statistics of revenue per visitor need.
 *
 * @param variant 0 for Control, then 1.. for treatments
 * @param revenueCents revenue in cents
 * @param orders orders counted in the revenue
 * @param revenueSquares Σ over visitors of (revenue in cents)², exact up to 2^53
 * @param excludedOrders orders left out of the revenue: their currency had no rate to the
 * reporting currency
 */
public record RevenueTally(int variant, long revenueCents, long orders, double revenueSquares, long excludedOrders) {

	/** No revenue, of no variant in particular. */
	static final RevenueTally NONE = new RevenueTally(0, 0, 0, 0, 0);

	/** The revenue in units of the reporting currency, exact. */
	public BigDecimal revenue() {
		return BigDecimal.valueOf(this.revenueCents, 2);
	}

	/** Whether any order reached these visitors, counted or left out. */
	public boolean hasOrders() {
		return this.orders != 0 || this.excludedOrders != 0;
	}

	/** The sum of two tallies, as of one variant. */
	RevenueTally plus(RevenueTally other) {
		return new RevenueTally(this.variant, this.revenueCents + other.revenueCents, this.orders + other.orders,
				this.revenueSquares + other.revenueSquares, this.excludedOrders + other.excludedOrders);
	}

}
