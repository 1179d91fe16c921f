package dev.uplift.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request limits per client address, API key and project (docs/operations.md, fair
 * sharing). A limit of 0 turns that limit off. Each limit is a token bucket that holds
 * two seconds' worth of requests (a minute's for failed authentication), so short bursts
 * pass.
 *
 * @param enabled whether any limit applies
 * @param failedAuthenticationsPerMinute answers 401 one client address may get a minute;
 * past them its requests that carry an API key are answered 429 until the bucket refills
 * @param apiRequestsPerSecond requests a second per API key on the authenticated routes
 * @param publicRequestsPerSecond requests a second per project on the public tracking
 * routes (collect, client-config)
 * @param publicRequestsPerSecondPerAddress requests a second per client address on the
 * public tracking routes and the SDK routes
 * @param bodyMinBytesPerSecond slowest a request body may arrive, on average, once
 * {@code bodyGrace} has passed; a slower one is answered 408 and its connection closed
 * @param bodyGrace time a request body may take before its rate is checked
 */
@ConfigurationProperties("uplift.limits")
public record LimitProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("20") int failedAuthenticationsPerMinute, @DefaultValue("1000") int apiRequestsPerSecond,
		@DefaultValue("0") int publicRequestsPerSecond, @DefaultValue("0") int publicRequestsPerSecondPerAddress,
		@DefaultValue("1024") int bodyMinBytesPerSecond, @DefaultValue("10s") Duration bodyGrace) {

	public LimitProperties {
		if (failedAuthenticationsPerMinute < 0 || apiRequestsPerSecond < 0 || publicRequestsPerSecond < 0
				|| publicRequestsPerSecondPerAddress < 0 || bodyMinBytesPerSecond < 0) {
			throw new IllegalArgumentException("uplift.limits.*: limits must be 0 (off) or more");
		}
		if (bodyGrace.isNegative()) {
			throw new IllegalArgumentException("uplift.limits.body-grace must not be negative");
		}
	}

}
