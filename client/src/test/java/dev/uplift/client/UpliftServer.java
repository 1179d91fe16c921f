package dev.uplift.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.uplift.UpliftApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Uplift server on a free port with a fresh SQLite file, and the control-plane
 * calls the tests need.
 */
final class UpliftServer implements AutoCloseable {

	static final String API_KEY = "client-test-api-key-0123456789abcdefghij";

	static final String PROJECT_KEY = "ClientTestProjectKey01";

	private final HttpClient http = HttpClient.newHttpClient();

	private final Path dataDir;

	private final ConfigurableApplicationContext context;

	private final URI baseUrl;

	private UpliftServer(Path dataDir) {
		this.dataDir = dataDir;
		this.context = new SpringApplicationBuilder(UpliftApplication.class).run("--server.port=0",
				"--uplift.storage.data-dir=" + dataDir, "--uplift.bootstrap.api-key=" + API_KEY,
				"--uplift.bootstrap.project-key=" + PROJECT_KEY, "--logging.level.root=WARN");
		this.baseUrl = URI.create("http://localhost:" + this.context.getEnvironment().getProperty("local.server.port"));
	}

	static UpliftServer start() {
		try {
			return new UpliftServer(Files.createTempDirectory("uplift-client-test"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	URI baseUrl() {
		return this.baseUrl;
	}

	/**
	 * A live experiment with one arm per weight (Control first) and an event goal on
	 * {@code eventName}.
	 */
	long createLiveExperiment(String experimentKey, String eventName, List<Integer> weights) {
		String goalKey = "goal-" + experimentKey;
		post("/goal", Map.of("goal_name", goalKey, "goal_key", goalKey, "goal_type", "event", "goal_value", eventName));
		Map<String, Object> experiment = new LinkedHashMap<>();
		experiment.put("test_name", experimentKey);
		experiment.put("experiment_key", experimentKey);
		experiment.put("url", "https://example.com/");
		experiment.put("variants", Collections.nCopies(weights.size() - 1, Map.of()));
		experiment.put("primary_goal_key", goalKey);
		experiment.put("status", 1);
		experiment.put("configuration", Map.of("weights", weights));
		return ((Number) post("/create-experiment", experiment).get("test_id")).longValue();
	}

	void changeWeights(long testId, List<Integer> weights) {
		send("PATCH", "/experiment/" + testId, Map.of("configuration", Map.of("weights", weights)));
	}

	/** The visitors and conversions of each arm, Control first, on the primary goal. */
	List<Map<String, Object>> arms(long testId) {
		Map<String, Object> result = send("GET", "/experiment/" + testId + "/result", null);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> variants = (List<Map<String, Object>>) result.get("variants");
		return variants;
	}

	long totalConversions(long testId) {
		return arms(testId).stream().mapToLong((arm) -> ((Number) arm.get("conversions")).longValue()).sum();
	}

	long totalVisitors(long testId) {
		return arms(testId).stream().mapToLong((arm) -> ((Number) arm.get("visitors")).longValue()).sum();
	}

	/** Records a custom event through the Events API for the visitor of an e-mail. */
	void recordEventFor(String email, String eventName) {
		post("/event", Map.of("event_name", eventName, "email", email));
	}

	private Map<String, Object> post(String path, Map<String, Object> body) {
		return send("POST", path, body);
	}

	private Map<String, Object> send(String method, String path, Map<String, Object> body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/v2/project/" + PROJECT_KEY + path))
			.header("Authorization", "Bearer " + API_KEY)
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(Json.encode(body))
							: HttpRequest.BodyPublishers.noBody())
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 201);
			@SuppressWarnings("unchecked")
			Map<String, Object> json = (Map<String, Object>) Json.parse(response.body());
			return json;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.context.close();
		try (Stream<Path> files = Files.walk(this.dataDir)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

}
