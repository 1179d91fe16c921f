package dev.uplift.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryPolicyTests {

	private static final Instant NOW = Instant.parse("2026-01-15T10:30:00Z");

	private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2));

	@Test
	void delayDoublesWithEachRetryWithinJitterAndStopsAtTheCap() {
		for (int retry = 0; retry < 8; retry++) {
			long full = Math.min(100L << retry, 2000);
			Duration delay = this.policy.delay(retry, Optional.empty(), NOW);
			assertThat(delay.toMillis()).as("retry " + retry).isBetween(full / 2, full);
		}
		assertThat(this.policy.delay(60, Optional.empty(), NOW)).isLessThanOrEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void delayHonoursRetryAfterInSecondsOrAsHttpDateUpToTheCap() {
		assertThat(this.policy.delay(0, Optional.of("1"), NOW)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.policy.delay(0, Optional.of("0"), NOW)).isZero();
		assertThat(this.policy.delay(0, Optional.of("120"), NOW)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.policy.delay(0, Optional.of("Thu, 15 Jan 2026 10:30:01 GMT"), NOW))
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(this.policy.delay(0, Optional.of("Thu, 15 Jan 2026 10:29:00 GMT"), NOW)).isZero();
		assertThat(this.policy.delay(0, Optional.of("soon"), NOW).toMillis()).isBetween(50L, 100L);
	}

	@Test
	void retryableStatusesAreTimeoutsThrottlingAndServerErrors() {
		assertThat(RetryPolicy.isRetryable(503)).isTrue();
		assertThat(RetryPolicy.isRetryable(500)).isTrue();
		assertThat(RetryPolicy.isRetryable(429)).isTrue();
		assertThat(RetryPolicy.isRetryable(408)).isTrue();
		assertThat(RetryPolicy.isRetryable(400)).isFalse();
		assertThat(RetryPolicy.isRetryable(404)).isFalse();
	}

	@Test
	void policyRefusesNegativeRetriesOrAnInvertedBackoff() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)));
	}

}
