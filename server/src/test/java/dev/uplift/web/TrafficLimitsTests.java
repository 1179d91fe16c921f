package dev.uplift.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.uplift.support.IntegrationTest;
import dev.uplift.support.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request limits as a client behind a trusted proxy meets them: each test comes from
 * an address of its own ({@code X-Forwarded-For}, trusted from the loopback).
 */
@TestPropertySource(properties = { "server.forward-headers-strategy=native",
		"uplift.limits.failed-authentications-per-minute=3", "uplift.limits.api-requests-per-second=20",
		"uplift.limits.public-requests-per-second=5", "uplift.limits.body-grace=1s" })
class TrafficLimitsTests extends IntegrationTest {

	@Test
	void wrongApiKeysPastTheLimitAre429WithRetryAfterAndTheAddressKeepsItsPublicRoutes() {
		String from = "X-Forwarded-For: 203.0.113.7\r\n";
		for (int i = 0; i < 3; i++) {
			assertThat(get(project("/experiments"), from + "x-api-key: wrong-" + i + "\r\n").status()).isEqualTo(401);
		}
		RawHttp.Response refused = get(project("/experiments"), from + "x-api-key: wrong-3\r\n");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(refused.body()).startsWith("{\"success\":false,\"error\":\"Too many requests with a wrong API key");
		// Guessing stops for the address, right key or not; other addresses and public
		// routes go on.
		assertThat(get(project("/experiments"), from + "x-api-key: " + API_KEY + "\r\n").status()).isEqualTo(429);
		assertThat(
				get(project("/experiments"), "X-Forwarded-For: 203.0.113.8\r\nx-api-key: " + API_KEY + "\r\n").status())
			.isEqualTo(200);
		assertThat(get(project("/client-config"), from).status()).isEqualTo(200);
	}

	@Test
	void requestsOfOneApiKeyPastItsBucketAre429() throws Exception {
		String headers = "X-Forwarded-For: 203.0.113.20\r\nx-api-key: " + API_KEY + "\r\n";
		// Sent from twelve clients at once, so that they outrun the refill (20 a second)
		// however slowly a busy machine answers each.
		ExecutorService clients = Executors.newFixedThreadPool(12);
		List<Future<Integer>> answers = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			answers.add(clients.submit(() -> get(project("/experiments"), headers).status()));
		}
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> answer : answers) {
			statuses.add(answer.get());
		}
		clients.shutdown();
		assertThat(statuses).contains(429).containsOnly(200, 429);
		// The bucket holds two seconds' worth: at least 40 requests pass.
		assertThat(statuses.stream().filter((status) -> status == 200).count()).isGreaterThanOrEqualTo(40);
		// The other tests use the key too: let its bucket refill.
		TimeUnit.SECONDS.sleep(3);
	}

	@Test
	void collectOfOneProjectPastItsBucketIs429AndOtherProjectsAreNotLimitedByIt() throws Exception {
		String body = "{\"events\":[]}";
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 40 && !statuses.contains(429); i++) {
			statuses.add(post(project("/collect"), "X-Forwarded-For: 198.51.100." + i + "\r\n", body).status());
		}
		assertThat(statuses).contains(429);
		assertThat(statuses.indexOf(429)).isGreaterThanOrEqualTo(10);
		assertThat(post("/v2/project/OtherProjectKey0000001/collect", "", body).status()).isNotEqualTo(429);
		// The other tests use the project's public routes too: let its bucket refill.
		TimeUnit.SECONDS.sleep(3);
	}

	@Test
	void bodiesSentAByteAtATimeAre408AndTheirConnectionsClosedWhileOthersAreServed() throws Exception {
		ExecutorService slowClients = Executors.newFixedThreadPool(20);
		try {
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				answers.add(slowClients.submit(this::trickle));
			}
			TimeUnit.MILLISECONDS.sleep(500);
			assertThat(RawHttp.get(port(), "/actuator/health").status()).isEqualTo(200);
			for (Future<String> answer : answers) {
				String response = answer.get(30, TimeUnit.SECONDS);
				assertThat(response).startsWith("HTTP/1.1 408");
				assertThat(response).contains("slower than 1024 bytes a second");
			}
		}
		finally {
			slowClients.shutdownNow();
		}
	}

	/**
	 * Sends an import body of 1,000 bytes a byte every 200 ms; returns what the server
	 * answered once it closed the connection (within the 20 s the full body would take).
	 */
	private String trickle() throws IOException {
		return RawHttp.trickle(port(), project("/import"),
				"x-api-key: " + API_KEY + "\r\nX-Forwarded-For: 192.0.2.1\r\nContent-Type: application/x-ndjson\r\n");
	}

	private RawHttp.Response get(String path, String headers) {
		return RawHttp.send(port(), "GET", path, headers, null);
	}

	private RawHttp.Response post(String path, String headers, String body) {
		return RawHttp.send(port(), "POST", path, headers + "Content-Type: text/plain\r\n", body);
	}

}
