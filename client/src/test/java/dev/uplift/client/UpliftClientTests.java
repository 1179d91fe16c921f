package dev.uplift.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.uplift.assignment.Bucketing;
import dev.uplift.assignment.SplitRule;
import dev.uplift.client.ScriptedServer.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The client against a real Uplift server, and against scripted servers where the network
 * must misbehave.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpliftClientTests {

	private static final AtomicInteger sequence = new AtomicInteger();

	private static UpliftServer server;

	@BeforeAll
	static void startServer() {
		server = UpliftServer.start();
	}

	@AfterAll
	static void stopServer() throws IOException {
		server.close();
	}

	@Test
	void getVariantReturnsTheArmOfBucketingAndKeepsItWhenWeightsChange() {
		String key = unique("buckets");
		long testId = server.createLiveExperiment(key, "Purchase", List.of(1, 1, 1));
		try (UpliftClient client = client(server.baseUrl())) {
			Map<String, String> first = new LinkedHashMap<>();
			for (int i = 0; i < 30; i++) {
				String visitor = "visitor-" + i;
				int arm = Bucketing
					.assign(new SplitRule(testId, Bucketing.HASH_VERSION, key, 100, new double[] { 1, 1, 1 }), visitor)
					.getAsInt();
				String expected = (arm == 0) ? "Control" : "Variant " + arm;
				assertThat(client.getVariant(key, visitor)).as(visitor).isEqualTo(expected);
				first.put(visitor, expected);
			}
			assertThat(first.values()).contains("Control", "Variant 1", "Variant 2");
			server.changeWeights(testId, List.of(0, 0, 1));
			first.forEach((visitor, arm) -> assertThat(client.getVariant(key, visitor)).as(visitor).isEqualTo(arm));
			assertThat(client.getVariant(key, "newcomer")).isEqualTo("Variant 2");
		}
		assertThat(server.totalVisitors(testId)).isEqualTo(31);
	}

	@Test
	void getVariantOfAnUnknownExperimentReturnsNull() {
		try (UpliftClient client = client(server.baseUrl())) {
			assertThat(client.getVariant("no-such-experiment", "visitor-1")).isNull();
		}
	}

	@Test
	void flushSendsTrackedEventsThatCountAsConversions() {
		String key = unique("flush");
		long testId = server.createLiveExperiment(key, "Signup " + key, List.of(1, 1));
		try (UpliftClient client = client(server.baseUrl())) {
			for (int i = 0; i < 5; i++) {
				client.getVariant(key, "member-" + i);
				client.track("Signup " + key, "member-" + i, Map.of("revenue", 9.5, "plan", "pro \"yearly\"\n"));
			}
			client.track("Signup " + key, "not-entered", null);
			client.flush();
			assertThat(server.totalConversions(testId)).isEqualTo(5);
		}
	}

	@Test
	void identifyLinksAnEmailThatTheEventsApiRecordsFor() {
		String key = unique("identify");
		long testId = server.createLiveExperiment(key, "Upgrade " + key, List.of(1, 1));
		try (UpliftClient client = client(server.baseUrl())) {
			client.getVariant(key, "member-" + key);
			assertThat(client.identify("member-" + key, null, key + "@example.com")).isTrue();
			assertThat(client.identify("member-" + key, null, "no address")).isFalse();
		}
		server.recordEventFor(key.toUpperCase(Locale.ROOT) + "@example.com", "Upgrade " + key);
		assertThat(server.totalConversions(testId)).isEqualTo(1);
	}

	@Test
	void closeSendsTheEventsStillQueued() {
		String key = unique("close");
		long testId = server.createLiveExperiment(key, "Purchase " + key, List.of(1, 1));
		UpliftClient client = UpliftClient.builder(server.baseUrl(), UpliftServer.PROJECT_KEY)
			.flushInterval(Duration.ofHours(1))
			.build();
		client.getVariant(key, "closer");
		client.track("Purchase " + key, "closer", Map.of("revenue", 20));
		client.close();
		assertThat(server.totalConversions(testId)).isEqualTo(1);
		assertThatIllegalStateException().isThrownBy(() -> client.track("Purchase " + key, "closer", null));
		client.close();
	}

	@Test
	void trackWhenAResponseIsLostRetriesWithTheSameEventIdAndCountsOnce() throws IOException {
		String key = unique("lost");
		long testId = server.createLiveExperiment(key, "Purchase " + key, List.of(1, 1));
		try (ScriptedServer lossy = ScriptedServer.inFrontOf(server.baseUrl(),
				(attempt) -> (attempt == 1) ? Answer.unavailable(null) : null);
				UpliftClient direct = client(server.baseUrl());
				UpliftClient client = client(lossy.baseUrl())) {
			for (int i = 0; i < 3; i++) {
				assertThat(direct.getVariant(key, "buyer-" + i)).isNotNull();
			}
			for (int i = 0; i < 3; i++) {
				client.track("Purchase " + key, "buyer-" + i, Map.of("revenue", 5));
			}
			client.flush();
			assertThat(lossy.bodies()).hasSize(6);
			assertThat(new HashSet<>(lossy.bodies())).hasSize(3);
		}
		assertThat(server.totalConversions(testId)).isEqualTo(3);
	}

	@Test
	void trackWhenTheServerAnswers503RetriesAfterTheTimeItAsks() throws IOException {
		try (ScriptedServer busy = ScriptedServer
			.answering((attempt) -> (attempt == 1) ? Answer.unavailable("1") : null);
				UpliftClient client = client(busy.baseUrl())) {
			long start = System.nanoTime();
			client.track("Purchase", "visitor-1", Map.of("revenue", 1.5));
			client.flush();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
			assertThat(busy.bodies()).hasSize(2);
			assertThat(busy.bodies().get(1)).isEqualTo(busy.bodies().get(0));
		}
	}

	@Test
	void trackWhenTheServerStaysUnavailableGivesUpAfterMaxRetries() throws IOException {
		try (ScriptedServer down = ScriptedServer.answering((attempt) -> Answer.unavailable(null));
				UpliftClient client = UpliftClient.builder(down.baseUrl(), UpliftServer.PROJECT_KEY)
					.maxRetries(2)
					.retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
					.build()) {
			client.track("Purchase", "visitor-1", null);
			client.flush();
			assertThat(down.bodies()).hasSize(3);
		}
	}

	@Test
	void trackWhenTheServerRefusesTheEventDoesNotRetry() throws IOException {
		try (ScriptedServer strict = ScriptedServer
			.answering((attempt) -> new Answer(400, null, "{\"success\":false}"));
				UpliftClient client = client(strict.baseUrl())) {
			client.track("Purchase", "visitor-1", null);
			client.flush();
			assertThat(strict.bodies()).hasSize(1);
		}
	}

	@Test
	void getVariantWhenTheServerIsUnreachableReturnsNullWithoutThrowing() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		URI unreachable = URI.create("http://127.0.0.1:" + port);
		try (UpliftClient client = UpliftClient.builder(unreachable, "AnyProjectKey000000000")
			.timeout(Duration.ofSeconds(2))
			.maxRetries(1)
			.retryBackoff(Duration.ofMillis(5), Duration.ofMillis(5))
			.build()) {
			assertThat(client.getVariant("any", "visitor-1")).isNull();
			client.track("Purchase", "visitor-1", null);
			client.flush();
		}
	}

	@Test
	void getVariantWhenTheServerFailsOrAnswersGarbageReturnsNull() throws IOException {
		for (Answer answer : List.of(new Answer(500, null, "oops"), new Answer(200, null, "<html>"),
				new Answer(200, null, "{\"version\":\"\"}"), new Answer(200, null, "{\"version\":7}"))) {
			try (ScriptedServer broken = ScriptedServer.answering((attempt) -> answer);
					UpliftClient client = client(broken.baseUrl())) {
				assertThat(client.getVariant("any", "visitor-1")).as(answer.toString()).isNull();
			}
		}
	}

	@Test
	void trackFromManyThreadsSendsEveryEventOnceInBatches() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try (ScriptedServer scripted = ScriptedServer.answering((attempt) -> null);
				UpliftClient client = UpliftClient.builder(scripted.baseUrl(), UpliftServer.PROJECT_KEY)
					.maxBatchSize(16)
					.flushInterval(Duration.ofMillis(20))
					.build()) {
			List<Future<?>> tasks = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				tasks.add(threads.submit(() -> {
					for (int i = 0; i < 50; i++) {
						client.track("Click", "visitor-" + thread + "-" + i, Map.of("index", i));
					}
				}));
			}
			for (Future<?> task : tasks) {
				task.get();
			}
			client.flush();
			Set<String> bodies = new HashSet<>(scripted.bodies());
			assertThat(scripted.bodies()).hasSize(200);
			assertThat(bodies).hasSize(200);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void trackWithPropertiesThatAreNotJsonValuesThrows() {
		try (UpliftClient client = client(server.baseUrl())) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> client.track("Purchase", "visitor-1", Map.of("when", new Object())));
			assertThatIllegalArgumentException()
				.isThrownBy(() -> client.track("Purchase", "visitor-1", Map.of("revenue", Double.NaN)));
			assertThatIllegalArgumentException().isThrownBy(() -> client.track(" ", "visitor-1", null));
		}
	}

	private static UpliftClient client(URI baseUrl) {
		return UpliftClient.builder(baseUrl, UpliftServer.PROJECT_KEY)
			.retryBackoff(Duration.ofMillis(10), Duration.ofSeconds(2))
			.build();
	}

	private static String unique(String prefix) {
		return prefix + "-" + sequence.incrementAndGet();
	}

}
