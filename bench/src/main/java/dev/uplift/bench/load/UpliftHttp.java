package dev.uplift.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP calls the benchmark makes to a running Uplift: the JDK's HTTP/1.1 client, and
 * Netty for collect traffic.
 */
final class UpliftHttp {

	/** The most simulated clients with a collect request in flight at once. */
	static final int MAX_CLIENTS = 1024;

	private static final Pattern VARIANT_COUNTS = Pattern.compile("\"visitors\":(\\d+),\"conversions\":(\\d+)");

	private static final Pattern PROJECT_KEY = Pattern.compile("\"project_key\":\"([^\"]+)\"");

	private static final Pattern NUMBER_FIELD = Pattern.compile("\"(\\w+)\":(-?[0-9.E+-]+)");

	static {
		// Uplift closes a connection idle for 10 s (server.tomcat.connection-timeout).
		// A client keeping it longer (the JDK's default is 20 minutes) races that close
		// when it reuses the connection, and a POST sent as it closes gets no answer: the
		// import of ImportFairness, after its 10 s idle phase, did in three runs of six.
		if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
			System.setProperty("jdk.httpclient.keepalive.timeout", "5");
		}
	}

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/**
	 * Opened on the first simulated client: most servers the benchmark starts get no
	 * collect traffic.
	 */
	private CollectChannels collectChannels;

	private final String base;

	private final URI collectUri;

	private final String projectKey;

	private final String apiKey;

	private final int port;

	UpliftHttp(int port, String projectKey, String apiKey) {
		this.port = port;
		this.base = "http://127.0.0.1:" + port;
		this.collectUri = URI.create(this.base + "/v2/project/" + projectKey + "/collect");
		this.projectKey = projectKey;
		this.apiKey = apiKey;
	}

	String projectKey() {
		return this.projectKey;
	}

	/** The server's port, for requests written by hand. */
	int port() {
		return this.port;
	}

	String apiKey() {
		return this.apiKey;
	}

	/** The status of {@code /actuator/health}, or -1 while nothing answers. */
	int health() {
		try {
			return send(HttpRequest.newBuilder(URI.create(this.base + "/actuator/health"))
				.timeout(Duration.ofSeconds(2))
				.build()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * Creates a live experiment with Control and two treatments and the goal as its
	 * primary goal; returns its test_id.
	 */
	long createExperiment(String goalKey) throws IOException {
		String project = "/v2/project/" + this.projectKey;
		post(project + "/goal", "{\"goal_name\":\"Purchase\",\"goal_key\":\"" + goalKey
				+ "\",\"goal_type\":\"clickOnElement\",\"goal_value\":\".buy\"}", "application/json");
		String created = post(project + "/create-experiment",
				"{\"test_name\":\"Benchmark\",\"url\":\"https://example.com/\","
						+ "\"variants\":[{\"data\":[]},{\"data\":[]}],\"primary_goal_key\":\"" + goalKey
						+ "\",\"status\":1}",
				"application/json");
		return number(created, "test_id").longValue();
	}

	/**
	 * Creates a live two-arm experiment with a primary and a secondary goal, both matched
	 * by goal events; returns its test_id.
	 */
	long createExperiment(String primaryGoalKey, String secondaryGoalKey) throws IOException {
		String project = "/v2/project/" + this.projectKey;
		for (String goalKey : new String[] { primaryGoalKey, secondaryGoalKey }) {
			post(project + "/goal", "{\"goal_name\":\"" + goalKey + "\",\"goal_key\":\"" + goalKey
					+ "\",\"goal_type\":\"clickOnElement\",\"goal_value\":\".buy\"}", "application/json");
		}
		String created = post(project + "/create-experiment",
				"{\"test_name\":\"Revenue\",\"url\":\"https://example.com/\","
						+ "\"variants\":[{\"data\":[]},{\"data\":[]}],\"primary_goal_key\":\"" + primaryGoalKey
						+ "\",\"secondary_goal_keys\":[\"" + secondaryGoalKey + "\"],\"status\":1}",
				"application/json");
		return number(created, "test_id").longValue();
	}

	/**
	 * Creates a project in the organization of the API key; returns a client of it with
	 * the same key.
	 */
	UpliftHttp createProject(String name) throws IOException {
		String created = post("/v2/project/" + this.projectKey + "/projects", "{\"name\":\"" + name + "\"}",
				"application/json");
		Matcher matcher = PROJECT_KEY.matcher(created);
		if (!matcher.find()) {
			throw new IllegalStateException("No project_key in " + created);
		}
		return new UpliftHttp(this.collectUri.getPort(), matcher.group(1), this.apiKey);
	}

	/** Sends one request to {@code /actuator/health}; returns its status. */
	int healthStatus() throws IOException {
		return send(HttpRequest.newBuilder(URI.create(this.base + "/actuator/health"))
			.timeout(Duration.ofSeconds(60))
			.build()).statusCode();
	}

	/**
	 * Imports NDJSON lines; returns the number of accepted events and fails when any was
	 * rejected.
	 */
	long importLines(byte[] ndjson) throws IOException {
		String body = post("/v2/project/" + this.projectKey + "/import", ndjson, "application/x-ndjson");
		if (number(body, "rejected").longValue() != 0) {
			throw new IllegalStateException("Import rejected events: " + body);
		}
		return number(body, "accepted").longValue();
	}

	/** Sends one collect request and waits for its HTTP status. */
	int collect(byte[] json) throws IOException {
		return send(HttpRequest.newBuilder(this.collectUri)
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(json))
			.build()).statusCode();
	}

	/**
	 * A simulated browser for collect traffic: one keep-alive connection, one request at
	 * a time.
	 */
	synchronized CollectChannels.Client collectClient() {
		if (this.collectChannels == null) {
			this.collectChannels = new CollectChannels(this.collectUri.getPort(), this.collectUri.getPath());
		}
		return this.collectChannels.client();
	}

	/** Closes the simulated clients' connections and event loops, if any were opened. */
	synchronized void close() {
		if (this.collectChannels != null) {
			this.collectChannels.close();
			this.collectChannels = null;
		}
	}

	/**
	 * The result of the experiment for a query string ("" or
	 * "?start_date=...&end_date=...").
	 */
	String result(long testId, String query) throws IOException {
		return get("/v2/project/" + this.projectKey + "/experiment/" + testId + "/result" + query);
	}

	/**
	 * A read route of the experiment ({@code timeseries}, {@code metrics}, ...) for a
	 * query string.
	 */
	String experimentRoute(long testId, String route, String query) throws IOException {
		return get("/v2/project/" + this.projectKey + "/experiment/" + testId + "/" + route + query);
	}

	/**
	 * Creates click goals with these keys and attaches them to the experiment as its
	 * secondary goals.
	 */
	void attachSecondaryGoals(long testId, List<String> goalKeys) throws IOException {
		String project = "/v2/project/" + this.projectKey;
		for (String goalKey : goalKeys) {
			post(project + "/goal", "{\"goal_name\":\"" + goalKey + "\",\"goal_key\":\"" + goalKey
					+ "\",\"goal_type\":\"clickOnElement\",\"goal_value\":\".buy\"}", "application/json");
		}
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(this.base + project + "/experiment/" + testId))
					.timeout(Duration.ofSeconds(60))
					.header("x-api-key", this.apiKey)
					.header("Content-Type", "application/json")
					.method("PATCH",
							HttpRequest.BodyPublishers
								.ofString("{\"secondary_goal_keys\":[\"" + String.join("\",\"", goalKeys) + "\"]}"))
					.build());
		checked(response, "PATCH experiment");
	}

	/** Heap in use (bytes), from the server's own metrics. */
	long heapUsed() throws IOException {
		return number(get("/actuator/metrics/jvm.memory.used?tag=area:heap"), "value").longValue();
	}

	/**
	 * The long-lived pool's size after the last full collection (bytes), from the
	 * server's own metrics.
	 */
	long liveDataAfterGc() throws IOException {
		return number(get("/actuator/metrics/jvm.gc.live.data.size"), "value").longValue();
	}

	/** Visitors and converters per variant, in variant order, read from a result body. */
	static long[][] counts(String result) {
		List<long[]> counts = new ArrayList<>();
		Matcher matcher = VARIANT_COUNTS.matcher(result);
		while (matcher.find()) {
			counts.add(new long[] { Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)) });
		}
		return counts.toArray(new long[0][]);
	}

	private String get(String path) throws IOException {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofMinutes(10))
			.header("x-api-key", this.apiKey)
			.build());
		return checked(response, path);
	}

	private String post(String path, String body, String contentType) throws IOException {
		return post(path, body.getBytes(StandardCharsets.UTF_8), contentType);
	}

	private String post(String path, byte[] body, String contentType) throws IOException {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofMinutes(30))
			.header("x-api-key", this.apiKey)
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build());
		return checked(response, path);
	}

	private static String checked(HttpResponse<String> response, String path) {
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

	private static Number number(String json, String field) {
		Matcher matcher = NUMBER_FIELD.matcher(json);
		while (matcher.find()) {
			if (matcher.group(1).equals(field)) {
				return Double.valueOf(matcher.group(2));
			}
		}
		throw new IllegalStateException("No number '" + field + "' in " + json);
	}

}
