package dev.uplift.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A thread-safe client of an Uplift server for server-side experiments: asks which arm a
 * visitor sees and tracks events in the background; create one per application and
 * {@link #close} it on shutdown.
 *
 * <pre>{@code
 * try (UpliftClient uplift = UpliftClient.builder(URI.create("https://ab.example.com"), projectKey).build()) {
 *     String arm = uplift.getVariant("checkout-button", userId);
 *     uplift.track("Purchase", userId, Map.of("revenue", 49.99, "currency", "USD"));
 * }
 * }</pre>
 */
public final class UpliftClient implements AutoCloseable {

	private final SdkTransport transport;

	private final EventBatcher events;

	private UpliftClient(Builder builder) {
		RetryPolicy retry = new RetryPolicy(builder.maxRetries, builder.retryBackoff, builder.maxRetryBackoff);
		this.transport = new SdkTransport(builder.baseUrl, builder.projectKey, builder.timeout, retry);
		this.events = new EventBatcher(this.transport::deliver, builder.maxBatchSize, builder.flushInterval,
				builder.maxQueueSize);
	}

	/**
	 * Starts configuring a client of the server at {@code baseUrl} (e.g.
	 * {@code https://ab.example.com}) for the project with this project key.
	 */
	public static Builder builder(URI baseUrl, String projectKey) {
		return new Builder(baseUrl, projectKey);
	}

	/**
	 * The arm the visitor sees in the experiment ({@code "Control"}, {@code "Variant 1"},
	 * ...), recording the visitor's entry; null when the visitor is not bucketed, the
	 * experiment is unknown or not live, or the server could not be reached in time
	 * (logged, never thrown).
	 */
	public String getVariant(String experimentKey, String visitorId) {
		return this.transport.query(requireText(experimentKey, "experimentKey"), requireText(visitorId, "visitorId"));
	}

	/**
	 * Queues an event (a conversion for the goals of type event with this name as value)
	 * to be sent in the background; {@code properties} may be null, and its
	 * {@code revenue} counts as revenue. Throws {@link IllegalArgumentException} for
	 * properties that are not JSON values, {@link IllegalStateException} once closed.
	 */
	public void track(String eventName, String visitorId, Map<String, ?> properties) {
		this.events.add(this.transport.event(requireText(eventName, "eventName"), requireText(visitorId, "visitorId"),
				properties));
	}

	/**
	 * Links the visitor to the site's user id or e-mail (either may be null, not both),
	 * so that the Events API can record events for "the user with this e-mail"; the
	 * server keeps both only as keyed digests. Sent at once; true once stored, false
	 * (logged, never thrown) when refused or the server could not be reached.
	 */
	public boolean identify(String visitorId, String userId, String email) {
		if (userId == null && email == null) {
			throw new IllegalArgumentException("userId or email must be given");
		}
		return this.transport.identify(requireText(visitorId, "visitorId"), userId, email);
	}

	/**
	 * Blocks until every event tracked before the call has been sent, or refused or given
	 * up after retries.
	 */
	public void flush() {
		this.events.flush();
	}

	/**
	 * Sends the queued events, as {@link #flush} does, and stops the background thread;
	 * idempotent.
	 */
	@Override
	public void close() {
		this.events.close();
	}

	private static String requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be null or blank");
		}
		return value;
	}

	/** The options of a client, each with a default fit for a web application. */
	public static final class Builder {

		private final URI baseUrl;

		private final String projectKey;

		private Duration timeout = Duration.ofSeconds(5);

		private int maxBatchSize = 100;

		private Duration flushInterval = Duration.ofSeconds(1);

		private int maxRetries = 5;

		private Duration retryBackoff = Duration.ofMillis(500);

		private Duration maxRetryBackoff = Duration.ofSeconds(30);

		private int maxQueueSize = 10_000;

		private Builder(URI baseUrl, String projectKey) {
			Objects.requireNonNull(baseUrl, "baseUrl");
			if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
				throw new IllegalArgumentException("baseUrl must be an http or https URL, got " + baseUrl);
			}
			this.baseUrl = baseUrl;
			this.projectKey = requireText(projectKey, "projectKey");
		}

		/**
		 * How long one HTTP request (connect, send, answer) may take; default 5 seconds.
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = positive(timeout, "timeout");
			return this;
		}

		/** How many events are sent together at most; default 100. */
		public Builder maxBatchSize(int maxBatchSize) {
			this.maxBatchSize = atLeastOne(maxBatchSize, "maxBatchSize");
			return this;
		}

		/**
		 * How long an event may wait in the queue for its batch to fill; default 1
		 * second.
		 */
		public Builder flushInterval(Duration flushInterval) {
			this.flushInterval = positive(flushInterval, "flushInterval");
			return this;
		}

		/**
		 * How often a failed delivery (I/O error, 408, 429, 5xx) is repeated; default 5,
		 * 0 for never.
		 */
		public Builder maxRetries(int maxRetries) {
			if (maxRetries < 0) {
				throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
			}
			this.maxRetries = maxRetries;
			return this;
		}

		/**
		 * The wait before the first retry, doubled for each further one up to
		 * {@code max}; default 0.5 s, 30 s.
		 */
		public Builder retryBackoff(Duration initial, Duration max) {
			if (initial == null || max == null || initial.isNegative() || max.compareTo(initial) < 0) {
				throw new IllegalArgumentException(
						"retry backoff must satisfy 0 <= initial <= max, got " + initial + " and " + max);
			}
			this.retryBackoff = initial;
			this.maxRetryBackoff = max;
			return this;
		}

		/**
		 * How many events may wait to be sent before further ones are dropped (logged);
		 * default 10,000.
		 */
		public Builder maxQueueSize(int maxQueueSize) {
			this.maxQueueSize = atLeastOne(maxQueueSize, "maxQueueSize");
			return this;
		}

		/**
		 * A client with these options, whose background thread runs until
		 * {@link UpliftClient#close}.
		 */
		public UpliftClient build() {
			return new UpliftClient(this);
		}

		private static Duration positive(Duration value, String name) {
			if (value == null || value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, got " + value);
			}
			return value;
		}

		private static int atLeastOne(int value, String name) {
			if (value < 1) {
				throw new IllegalArgumentException(name + " must be at least 1, got " + value);
			}
			return value;
		}

	}

}
