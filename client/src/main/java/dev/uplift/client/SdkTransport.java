package dev.uplift.client;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The wire protocol of Mida's server-side SDKs as Uplift serves it:
 * {@code POST /experiment/query} and {@code POST /experiment/event}, the project key in
 * the body, over the JDK's HTTP client.
 */
final class SdkTransport {

	private static final System.Logger log = System.getLogger(UpliftClient.class.getName());

	private static final String USER_AGENT = "uplift-java";

	private final HttpClient http;

	private final URI queryUri;

	private final URI eventUri;

	private final URI identifyUri;

	private final String projectKey;

	private final Duration timeout;

	private final RetryPolicy retry;

	SdkTransport(URI baseUrl, String projectKey, Duration timeout, RetryPolicy retry) {
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String base = baseUrl.toString().replaceAll("/+$", "");
		this.queryUri = URI.create(base + "/experiment/query");
		this.eventUri = URI.create(base + "/experiment/event");
		this.identifyUri = URI.create(base + "/experiment/identify");
		this.projectKey = projectKey;
		this.timeout = timeout;
		this.retry = retry;
	}

	/**
	 * The arm name the server assigns, or null when the visitor is not bucketed or the
	 * server cannot be asked.
	 */
	String query(String experimentKey, String visitorId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("key", this.projectKey);
		body.put("experiment_key", experimentKey);
		body.put("distinct_id", visitorId);
		String answer = call(this.queryUri, body, "the query of experiment " + experimentKey);
		return (answer != null) ? version(answer) : null;
	}

	/**
	 * Links the visitor to a user id and/or e-mail; true once stored, false (logged) when
	 * refused or the server cannot be reached.
	 */
	boolean identify(String visitorId, String userId, String email) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("key", this.projectKey);
		body.put("distinct_id", visitorId);
		if (userId != null) {
			body.put("id", userId);
		}
		if (email != null) {
			body.put("email", email);
		}
		return call(this.identifyUri, body, "identifying visitor " + visitorId) != null;
	}

	/**
	 * Sends the body at once, without retries: the answer's body when the server answers
	 * 200, else null, logged as a warning about {@code what}.
	 */
	private String call(URI uri, Map<String, Object> body, String what) {
		try {
			HttpResponse<String> response = this.http.send(post(uri, Json.encode(body)),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				log.log(Level.WARNING, "Uplift answered {0} to {1}: {2}", response.statusCode(), what, response.body());
				return null;
			}
			return response.body();
		}
		catch (IOException | IllegalArgumentException ex) {
			log.log(Level.WARNING, "Could not send {0} to {1}: {2}", what, uri, ex);
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** An event ready to send, with a fresh {@code event_id} that every retry repeats. */
	QueuedEvent event(String name, String visitorId, Map<String, ?> properties) {
		String eventId = UUID.randomUUID().toString();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("key", this.projectKey);
		body.put("name", name);
		body.put("distinct_id", visitorId);
		body.put("event_id", eventId);
		if (properties != null) {
			body.put("properties", properties);
		}
		return new QueuedEvent(eventId, Json.encode(body));
	}

	/**
	 * Sends the event, retrying by the policy; completes normally once stored, refused or
	 * given up (logged).
	 */
	CompletableFuture<Void> deliver(QueuedEvent event) {
		return attempt(event, 0);
	}

	private CompletableFuture<Void> attempt(QueuedEvent event, int retries) {
		return this.http.sendAsync(post(this.eventUri, event.body()), HttpResponse.BodyHandlers.ofString())
			.handle((response, error) -> afterAttempt(event, retries, response, error))
			.thenCompose(Function.identity());
	}

	private CompletableFuture<Void> afterAttempt(QueuedEvent event, int retries, HttpResponse<String> response,
			Throwable error) {
		if (error == null && response.statusCode() / 100 == 2) {
			return CompletableFuture.completedFuture(null);
		}
		if (error == null && !RetryPolicy.isRetryable(response.statusCode())) {
			log.log(Level.WARNING, "Uplift refused event {0} with {1}: {2}", event.eventId(), response.statusCode(),
					response.body());
			return CompletableFuture.completedFuture(null);
		}
		String failure = (error == null) ? "HTTP " + response.statusCode()
				: String.valueOf((error.getCause() != null) ? error.getCause() : error);
		if (retries >= this.retry.maxRetries()) {
			log.log(Level.WARNING, "Dropped event {0} after {1} attempts; last failure: {2}", event.eventId(),
					retries + 1, failure);
			return CompletableFuture.completedFuture(null);
		}
		Duration delay = this.retry.delay(retries,
				(response != null) ? response.headers().firstValue("Retry-After") : Optional.empty(), Instant.now());
		log.log(Level.DEBUG, "Retrying event {0} in {1} ms after {2}", event.eventId(), delay.toMillis(), failure);
		return CompletableFuture.runAsync(() -> {
		}, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS))
			.thenCompose((ignored) -> attempt(event, retries + 1));
	}

	private HttpRequest post(URI uri, String json) {
		return HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header("User-Agent", USER_AGENT)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
	}

	/**
	 * Mida's SDKs read {@code version} and treat a missing or empty value as not
	 * bucketed.
	 */
	private static String version(String body) {
		if (Json.parse(body) instanceof Map<?, ?> object && object.get("version") instanceof String version
				&& !version.isEmpty()) {
			return version;
		}
		return null;
	}

	/** One event as sent: its id and its JSON body. */
	record QueuedEvent(String eventId, String body) implements EventBatcher.Item {
	}

}
