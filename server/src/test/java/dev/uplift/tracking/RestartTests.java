package dev.uplift.tracking;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.uplift.UpliftApplication;
import dev.uplift.support.ApiClient;
import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A stop while clients are sending loses nothing that was acknowledged. */
@Tag("database")
class RestartTests {

	private static final String KEY = "restart-test-key-0123456789abcdefghijklmnop";

	private static final String PROJECT = "RestartProjectKey00001";

	@Test
	void everyEventAcknowledgedBeforeAStopIsCountedAfterTheRestart() throws Exception {
		String unavailable = TestDatabase.unavailableReason();
		Assumptions.assumeTrue(unavailable == null, () -> "Skipped: " + unavailable);
		Path dataDir = Files.createTempDirectory("uplift-restart");
		Map<String, String> storage = TestDatabase.freshStorage();
		ConfigurableApplicationContext first = start(dataDir, storage);
		ApiClient api = client(first);
		String base = "/v2/project/" + PROJECT;
		long testId = Experiments.create(api, base, "Restart", "restart-goal", 1);

		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		AtomicBoolean sending = new AtomicBoolean(true);
		AtomicInteger batches = new AtomicInteger();
		ExecutorService clients = Executors.newFixedThreadPool(4);
		for (int c = 0; c < 4; c++) {
			int client = c;
			clients.submit(() -> {
				ApiClient anonymous = api.withKey(null);
				for (int b = 0; sending.get(); b++) {
					List<String> visitors = new ArrayList<>();
					List<Map<String, Object>> events = new ArrayList<>();
					for (int i = 0; i < 50; i++) {
						String visitor = "c" + client + "-b" + b + "-" + i;
						visitors.add(visitor);
						events.add(Events.exposure(visitor, visitor, testId, i % 2));
					}
					try {
						Response response = anonymous.post(base + "/collect", Map.of("events", events));
						if (response.status() == 202) {
							acknowledged.addAll(visitors);
							batches.incrementAndGet();
						}
					}
					catch (RuntimeException ex) {
						// The server went away mid-request: nothing was acknowledged for
						// this batch.
					}
				}
			});
		}
		while (batches.get() < 20) {
			Thread.sleep(10);
		}
		first.close();
		sending.set(false);
		clients.shutdown();
		assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

		ConfigurableApplicationContext second = start(dataDir, storage);
		try {
			JdbcClient jdbc = second.getBean(JdbcClient.class);
			long stored = jdbc.sql("SELECT COUNT(*) FROM assignments WHERE test_id = ?")
				.param(testId)
				.query(Long.class)
				.single();
			Set<String> storedVisitors = Set.copyOf(jdbc.sql("SELECT visitor_id FROM assignments WHERE test_id = ?")
				.param(testId)
				.query(String.class)
				.list());
			assertThat(acknowledged).isNotEmpty();
			assertThat(storedVisitors).containsAll(acknowledged);
			Response result = client(second).get(base + "/experiment/" + testId + "/result");
			assertThat(result.json().get("total_visitors").asLong()).isEqualTo(stored);
		}
		finally {
			second.close();
		}
	}

	private static ConfigurableApplicationContext start(Path dataDir, Map<String, String> storage) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--uplift.storage.data-dir=" + dataDir,
				"--uplift.bootstrap.api-key=" + KEY, "--uplift.bootstrap.project-key=" + PROJECT));
		storage.forEach((name, value) -> args.add("--" + name + "=" + value));
		return new SpringApplicationBuilder(UpliftApplication.class).run(args.toArray(String[]::new));
	}

	private static ApiClient client(ConfigurableApplicationContext context) {
		return new ApiClient("http://localhost:" + context.getEnvironment().getProperty("local.server.port"), KEY);
	}

}
