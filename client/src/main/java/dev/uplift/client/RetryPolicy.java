package dev.uplift.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to send an event again: exponential backoff with jitter, or the server's
 * {@code Retry-After}, capped.
 *
 * @param maxRetries how many times a failed delivery is repeated, 0 or more
 * @param initialBackoff the wait before the first retry, doubled for each further one
 * @param maxBackoff the longest wait between two attempts, also the cap on
 * {@code Retry-After}
 */
record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

	RetryPolicy {
		if (maxRetries < 0) {
			throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
		}
		if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException(
					"backoff must satisfy 0 <= initial <= max, got " + initialBackoff + " and " + maxBackoff);
		}
	}

	/**
	 * Whether a response with this HTTP status is worth repeating: timeouts, throttling
	 * and server errors.
	 */
	static boolean isRetryable(int status) {
		return status == 408 || status == 429 || status >= 500;
	}

	/**
	 * How long to wait before attempt {@code retry + 1}: the {@code Retry-After} header
	 * when present and readable (delta-seconds or an HTTP date), otherwise between half
	 * and all of {@code initial * 2^retry}.
	 */
	Duration delay(int retry, Optional<String> retryAfter, Instant now) {
		Optional<Duration> asked = retryAfter.flatMap((value) -> parseRetryAfter(value.trim(), now));
		if (asked.isPresent()) {
			return min(asked.get(), this.maxBackoff);
		}
		long initial = this.initialBackoff.toMillis();
		long exponential = min(Duration.ofMillis(initial << Math.min(retry, 20)), this.maxBackoff).toMillis();
		long half = exponential / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(exponential - half + 1));
	}

	private static Optional<Duration> parseRetryAfter(String value, Instant now) {
		if (value.matches("[0-9]{1,9}")) {
			return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
		}
		try {
			Instant until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return Optional.of(until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO);
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
