package dev.uplift.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The outermost filter: token-bucket limits per client address on failed authentication,
 * per API key on the authenticated routes, per project and per address on the public
 * tracking routes, answered 429 with {@code Retry-After} in the API's error body; and the
 * least rate of request bodies ({@link SlowBodyGuard}). Buckets live in bounded caches,
 * so that made-up keys and addresses cannot grow the heap.
 */
final class TrafficLimits extends HttpFilter {

	private static final String PROJECT_PREFIX = "/v2/project/";

	private static final long MAX_BUCKETS = 100_000;

	private final LimitProperties properties;

	private final Cache<String, Bucket> failures = buckets();

	private final Cache<String, Bucket> apiKeys = buckets();

	private final Cache<String, Bucket> projects = buckets();

	private final Cache<String, Bucket> addresses = buckets();

	private final MeterRegistry registry;

	TrafficLimits(LimitProperties properties, MeterRegistry registry) {
		this.properties = properties;
		this.registry = registry;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!this.properties.enabled()) {
			chain.doFilter(request, response);
			return;
		}
		String address = request.getRemoteAddr();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String publicProject = publicProject(path);
		boolean publicRoute = publicProject != null || path.equals("/experiment/query")
				|| path.equals("/experiment/event") || path.equals("/experiment/identify");
		String apiKey = publicRoute ? null : ApiKeys.of(request);
		if (refused(request, response, address, publicRoute, publicProject, apiKey)) {
			return;
		}
		boolean body = request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
		if (!body || this.properties.bodyMinBytesPerSecond() == 0) {
			chain.doFilter(request, response);
		}
		else {
			SlowBodyGuard guard = new SlowBodyGuard(request, response, this.properties.bodyMinBytesPerSecond(),
					this.properties.bodyGrace().toNanos());
			chain.doFilter(guard.request(), guard.response());
			if (guard.answerIfTooSlow()) {
				refusal("slow_body").increment();
			}
		}
		if (apiKey != null && response.getStatus() == HttpStatus.UNAUTHORIZED.value()
				&& this.properties.failedAuthenticationsPerMinute() > 0) {
			this.failures
				.get(address, (a) -> bucket(this.properties.failedAuthenticationsPerMinute(), Duration.ofMinutes(1)))
				.tryConsume(1);
		}
	}

	/** Answers 429 when a limit is reached; true when it did. */
	private boolean refused(HttpServletRequest request, HttpServletResponse response, String address,
			boolean publicRoute, String project, String apiKey) throws IOException {
		if (apiKey != null) {
			Bucket failed = this.failures.getIfPresent(address);
			if (failed != null) {
				EstimationProbe probe = failed.estimateAbilityToConsume(1);
				if (!probe.canBeConsumed()) {
					return refuse(response, "failed_authentication", probe.getNanosToWaitForRefill(),
							"Too many requests with a wrong API key from this address");
				}
			}
			return apiKey.isEmpty() ? false : exceeded(response, this.apiKeys, apiKey,
					this.properties.apiRequestsPerSecond(), "api_key", "Too many requests with this API key");
		}
		if (!publicRoute) {
			return false;
		}
		if (exceeded(response, this.addresses, address, this.properties.publicRequestsPerSecondPerAddress(), "address",
				"Too many tracking requests from this address")) {
			return true;
		}
		return project != null && exceeded(response, this.projects, project, this.properties.publicRequestsPerSecond(),
				"project", "Too many tracking requests for this project");
	}

	private boolean exceeded(HttpServletResponse response, Cache<String, Bucket> buckets, String key, int perSecond,
			String limit, String message) throws IOException {
		if (perSecond == 0) {
			return false;
		}
		ConsumptionProbe probe = buckets.get(key, (k) -> bucket(perSecond * 2L, Duration.ofSeconds(2)))
			.tryConsumeAndReturnRemaining(1);
		return !probe.isConsumed() && refuse(response, limit, probe.getNanosToWaitForRefill(), message);
	}

	private boolean refuse(HttpServletResponse response, String limit, long nanosToWait, String message)
			throws IOException {
		long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanosToWait + 999_999_999L));
		refusal(limit).increment();
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		ErrorBody.of(message + "; retry after " + seconds + " s")
			.writeTo(response, HttpStatus.TOO_MANY_REQUESTS.value());
		return true;
	}

	private Counter refusal(String limit) {
		return Counter.builder("uplift.limits.refused")
			.description("Requests refused by a request limit (429) or for a too slow body (408)")
			.tag("limit", limit)
			.register(this.registry);
	}

	/** The project key of a public tracking route's path, or null for any other path. */
	private static String publicProject(String path) {
		if (!path.startsWith(PROJECT_PREFIX)) {
			return null;
		}
		int slash = path.indexOf('/', PROJECT_PREFIX.length());
		if (slash < 0) {
			return null;
		}
		String rest = path.substring(slash + 1);
		return (rest.equals("collect") || rest.equals("client-config")) ? path.substring(PROJECT_PREFIX.length(), slash)
				: null;
	}

	/**
	 * A bucket of {@code capacity} tokens that refills them all, evenly, over the period.
	 */
	private static Bucket bucket(long capacity, Duration period) {
		return Bucket.builder().addLimit((limit) -> limit.capacity(capacity).refillGreedy(capacity, period)).build();
	}

	private static Cache<String, Bucket> buckets() {
		return Caffeine.newBuilder().maximumSize(MAX_BUCKETS).expireAfterAccess(Duration.ofMinutes(10)).build();
	}

}
