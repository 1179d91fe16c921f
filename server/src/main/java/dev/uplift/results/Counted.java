package dev.uplift.results;

import java.util.ArrayList;
import java.util.List;

/**
 * Every variant's tally and the revenue of its converted visitors, Control first.
 *
 * @param tallies visitors and converters
 * @param revenue their revenue
 */
record Counted(List<VariantTally> tallies, List<RevenueTally> revenue) {

	Counted {
		tallies = List.copyOf(tallies);
		revenue = List.copyOf(revenue);
	}

	/** The sum of several counts of the same arms, as of one group of visitors. */
	static Counted sum(List<Counted> parts) {
		int arms = parts.get(0).tallies().size();
		List<VariantTally> tallies = new ArrayList<>(arms);
		List<RevenueTally> revenue = new ArrayList<>(arms);
		for (int variant = 0; variant < arms; variant++) {
			long visitors = 0;
			long conversions = 0;
			RevenueTally money = new RevenueTally(variant, 0, 0, 0, 0);
			for (Counted part : parts) {
				visitors += part.tallies().get(variant).visitors();
				conversions += part.tallies().get(variant).conversions();
				money = money.plus(part.revenue().get(variant));
			}
			tallies.add(new VariantTally(variant, visitors, conversions));
			revenue.add(money);
		}
		return new Counted(tallies, revenue);
	}

}
