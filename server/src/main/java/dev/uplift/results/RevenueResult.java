package dev.uplift.results;

import java.util.List;

import dev.uplift.stats.RevenueComparison;

/**
 * The revenue of a result: present when the goal is a revenue goal or its counted
 * visitors placed orders.
 *
 * @param currency the project's reporting currency
 * @param tallies one per variant, Control first
 * @param comparisons one per treatment, the first treatment first
 */
public record RevenueResult(String currency, List<RevenueTally> tallies, List<RevenueComparison> comparisons) {

	public RevenueResult {
		tallies = List.copyOf(tallies);
		comparisons = List.copyOf(comparisons);
	}

	public long totalRevenueCents() {
		return this.tallies.stream().mapToLong(RevenueTally::revenueCents).sum();
	}

	public long totalOrders() {
		return this.tallies.stream().mapToLong(RevenueTally::orders).sum();
	}

	public long totalExcludedOrders() {
		return this.tallies.stream().mapToLong(RevenueTally::excludedOrders).sum();
	}

}
