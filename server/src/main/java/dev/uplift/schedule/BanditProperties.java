package dev.uplift.schedule;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How multi-armed bandits are re-allocated (docs/statistics.md#multi-armed-bandits).
 *
 * @param enabled whether this node looks for bandits to re-allocate (a node that does not
 * still serves the splits others draw)
 * @param interval the time between two looks for bandits whose next split is due
 * @param lead how long before the start of a day the split that takes effect then is
 * drawn; longer than {@code interval}, so that every day has a look inside it
 * @param periodDays days between two re-allocations: a split takes effect at the start of
 * each day of the project's zone whose epoch day is a multiple of this
 * @param draws joint draws from the posteriors per re-allocation
 * @param exploration the share of traffic spread evenly over the arms whatever the draws:
 * every arm keeps at least {@code exploration / arms}
 */
@ConfigurationProperties("uplift.bandit")
record BanditProperties(@DefaultValue("true") boolean enabled, @DefaultValue("60s") Duration interval,
		@DefaultValue("10m") Duration lead, @DefaultValue("1") int periodDays, @DefaultValue("10000") int draws,
		@DefaultValue("0.2") double exploration) {

	BanditProperties {
		if (lead.compareTo(interval) <= 0 || lead.compareTo(Duration.ofHours(12)) > 0) {
			throw new IllegalArgumentException(
					"uplift.bandit.lead must be longer than uplift.bandit.interval and at most 12 hours");
		}
		if (periodDays < 1 || draws < 1 || !(exploration > 0 && exploration <= 1)) {
			throw new IllegalArgumentException(
					"uplift.bandit.period-days and draws must be at least 1, " + "exploration above 0 and at most 1");
		}
	}

}
