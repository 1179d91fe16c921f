package dev.uplift.operations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long raw events are kept (docs/operations.md, retention).
 *
 * @param retentionDays events of the log older than this many days (by the time they
 * counted at) are deleted; 0 keeps them for ever. Results do not change: they come from
 * the per-visitor tables and rollups, which are kept.
 * @param retentionInterval how often old events are looked for
 */
@ConfigurationProperties("uplift.operations")
record RetentionProperties(@DefaultValue("0") int retentionDays, @DefaultValue("1h") Duration retentionInterval) {

	RetentionProperties {
		if (retentionDays < 0) {
			throw new IllegalArgumentException("uplift.operations.retention-days must be 0 (keep) or more");
		}
		if (retentionInterval.isNegative() || retentionInterval.isZero()) {
			throw new IllegalArgumentException("uplift.operations.retention-interval must be positive");
		}
	}

}
