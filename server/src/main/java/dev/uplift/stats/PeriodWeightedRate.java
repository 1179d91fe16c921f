package dev.uplift.stats;

import java.util.List;

/**
 * An arm's conversion rate over the periods of a bandit, each period weighted by its
 * share of all visitors rather than by the arm's share of it (post-stratification on the
 * period of entry, docs/statistics.md#multi-armed-bandits): {@code r = Σ_p W_p c_p / n_p}
 * with {@code W_p = N_p / N}, and {@code Var(r) = Σ_p W_p² σ²_p / n_p}, σ² as
 * {@link RelativeLift} takes it. Only periods in which every arm has visitors take part.
 *
 * @param rate r
 * @param variance Var(r)
 * @param visitors the arm's visitors in those periods
 */
record PeriodWeightedRate(double rate, double variance, long visitors) {

	/** The periods in which every arm has visitors: those that can be weighted. */
	static List<EntryPeriod> weighable(List<EntryPeriod> periods) {
		return periods.stream().filter((period) -> {
			for (long count : period.visitors()) {
				if (count == 0) {
					return false;
				}
			}
			return true;
		}).toList();
	}

	/** The rate of one arm over periods that are all {@link #weighable}, at least one. */
	static PeriodWeightedRate of(List<EntryPeriod> periods, int arm) {
		double total = periods.stream().mapToLong(EntryPeriod::total).sum();
		double rate = 0;
		double variance = 0;
		long visitors = 0;
		for (EntryPeriod period : periods) {
			ArmCounts counts = new ArmCounts(period.visitors()[arm], period.conversions()[arm]);
			double weight = period.total() / total;
			rate += weight * counts.rate();
			variance += weight * weight * RelativeLift.rateVariance(counts) / counts.visitors();
			visitors += counts.visitors();
		}
		return new PeriodWeightedRate(rate, variance, visitors);
	}

}
