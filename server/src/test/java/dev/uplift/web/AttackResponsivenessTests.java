package dev.uplift.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import dev.uplift.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health, results and another project's collect stay answered under each attack of
 * docs/security.md, run for a few seconds each over the loopback: malformed requests,
 * guessed API keys, a collect flood, oversized bodies, slow bodies and a big import. What
 * is asserted cannot be noise on a shared machine: every probe answered, none timed out
 * at a generous timeout, and each attack refused as it should be (400, 429, 413, 408).
 * The latencies (p50, p99, max per attack) go to the log and to
 * {@code target/attack-responsiveness.txt}; docs/performance.md has the figures and the
 * benchmark that measures them on a running server.
 */
// The shipped limits on failed authentication and per API key (the suite turns them off),
// the public routes' limit on, the slow-body grace short.
@TestPropertySource(properties = { "server.forward-headers-strategy=native",
		"uplift.limits.failed-authentications-per-minute=20", "uplift.limits.api-requests-per-second=1000",
		"uplift.limits.public-requests-per-second=20", "uplift.limits.body-grace=1s" })
class AttackResponsivenessTests extends IntegrationTest {

	private static final Logger logger = LoggerFactory.getLogger(AttackResponsivenessTests.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final long ATTACK_MILLIS = 3_000;

	private static final long PROBE_PAUSE_MILLIS = 20;

	/** The other project's collect probe stays under the limit of 20 a second. */
	private static final long COLLECT_PROBE_PAUSE_MILLIS = 100;

	private static final int IMPORTED_EVENTS = 60_000;

	private final List<String> report = Collections.synchronizedList(new ArrayList<>());

	@Test
	void healthResultsAndCollectOfAnotherProjectAreAnsweredUnderEachAttack() throws Exception {
		long testId = Experiments.create(this.api, project(""), "Under attack", "attack-goal", 1);
		String flooded = newProject("Flooded");
		String oversizedTarget = newProject("Oversized");
		String other = newProject("Other");
		long otherTest = Experiments.create(this.api, other, "Other", "other-goal", 1);

		Probes probes = new Probes(testId, other, otherTest);
		run("none (idle)", probes, 0, () -> 0, (statuses) -> {
		});
		// The project's public requests share one bucket: past it, 429 before the 400.
		run("malformed query strings", probes, 4, () -> RawHttp.get(port(), project("/client-config?%ff=1")).status(),
				answered(400, 429));
		AtomicInteger guess = new AtomicInteger();
		run("guessed API keys", probes, 4,
				() -> get(result(testId),
						"X-Forwarded-For: 203.0.113.66\r\nx-api-key: guess-" + guess.incrementAndGet()),
				answered(429, 401));
		String oneEvent = collectBody(Map.of("type", "goal", "visitor_id", "flood", "goal_key", "x"));
		// Eight clients: past the project's 20 a second however slowly the
		// server answers.
		run("collect flood of one project", probes, 8,
				() -> post(flooded + "/collect", "X-Forwarded-For: 198.51.100.9\r\n", oneEvent), answered(429, 202));
		String oversized = "{\"events\":[" + " ".repeat(1_100_000) + "]}";
		run("bodies over the size limit", probes, 4,
				() -> post(oversizedTarget + "/collect", "X-Forwarded-For: 198.51.100.10\r\n", oversized),
				answered(413, 429, -1));
		run("slow bodies", probes, 20, this::trickle, answered(408, -1));
		String lines = importBody(testId);
		run("import of " + IMPORTED_EVENTS + " events", probes, 1, () -> {
			Response imported = this.api.send("POST", project("/import"), "application/x-ndjson", lines);
			assertThat(imported.json().get("accepted").asLong()).as(imported.body()).isEqualTo(IMPORTED_EVENTS);
			return imported.status();
		}, answered(200));

		writeReport();
	}

	/**
	 * Runs the attack from {@code attackers} threads for {@link #ATTACK_MILLIS} (a single
	 * attacker once, to its end) while the probes send health, result and another
	 * project's collect requests one after another; checks every probe was answered and
	 * what the attack was answered.
	 */
	private void run(String attack, Probes probes, int attackers, IntSupplier attacker,
			Consumer<Map<Integer, Integer>> refusals) throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
		ExecutorService threads = Executors.newFixedThreadPool(attackers + 3);
		try {
			List<Future<List<Long>>> answered = probes.start(threads, running);
			List<Future<?>> attacks = new ArrayList<>();
			long end = System.currentTimeMillis() + ATTACK_MILLIS;
			for (int i = 0; i < attackers; i++) {
				attacks.add(threads.submit(() -> {
					do {
						statuses.merge(attacker.getAsInt(), 1, Integer::sum);
					}
					while (attackers > 1 && System.currentTimeMillis() < end);
					return null;
				}));
			}
			if (attackers == 0) {
				sleep(ATTACK_MILLIS);
			}
			for (Future<?> each : attacks) {
				each.get(2, TimeUnit.MINUTES);
			}
			running.set(false);
			List<String> figures = new ArrayList<>();
			String[] names = { "health", "result", "other project's collect" };
			for (int i = 0; i < answered.size(); i++) {
				figures.add(names[i] + " " + percentiles(answered.get(i).get(1, TimeUnit.MINUTES)));
			}
			String line = String.format(Locale.ROOT, "%-32s %s; attack answered %s", attack, String.join("; ", figures),
					new TreeMap<>(statuses));
			logger.info("Under attack: {}", line);
			this.report.add(line);
			refusals.accept(statuses);
		}
		finally {
			running.set(false);
			threads.shutdownNow();
		}
	}

	/**
	 * Checks what the attack was answered: {@code refusal} at least once, else only the
	 * other statuses (-1: the connection broke before an answer).
	 */
	private static Consumer<Map<Integer, Integer>> answered(int refusal, Integer... others) {
		return (statuses) -> {
			assertThat(statuses).containsKey(refusal);
			List<Integer> allowed = new ArrayList<>(List.of(others));
			allowed.add(refusal);
			assertThat(statuses.keySet()).isSubsetOf(allowed);
		};
	}

	/** Health, a result, and collect of another project than the attacked ones. */
	private final class Probes {

		private final String result;

		private final String otherCollect;

		private final String event;

		Probes(long testId, String other, long otherTest) {
			this.result = result(testId);
			this.otherCollect = other + "/collect";
			this.event = collectBody(
					Map.of("type", "exposure", "visitor_id", "probe", "test_id", otherTest, "variant_id", "0"));
		}

		List<Future<List<Long>>> start(ExecutorService threads, AtomicBoolean running) {
			return List.of(
					threads.submit(() -> probe(running, () -> RawHttp.get(port(), "/actuator/health").status(), 200,
							PROBE_PAUSE_MILLIS)),
					threads.submit(() -> probe(running, () -> get(this.result, "x-api-key: " + API_KEY), 200,
							PROBE_PAUSE_MILLIS)),
					threads.submit(() -> probe(running, () -> post(this.otherCollect, "", this.event), 202,
							COLLECT_PROBE_PAUSE_MILLIS)));
		}

	}

	/**
	 * Sends requests one after another, a pause apart, while the attack runs; asserts
	 * each is answered with the expected status within the client's timeout (10 s),
	 * returns the latencies in microseconds.
	 */
	private static List<Long> probe(AtomicBoolean running, IntSupplier request, int expected, long pauseMillis) {
		List<Long> latencies = new ArrayList<>();
		do {
			long started = System.nanoTime();
			int status = request.getAsInt();
			latencies.add((System.nanoTime() - started) / 1_000);
			assertThat(status).isEqualTo(expected);
			sleep(pauseMillis);
		}
		while (running.get());
		return latencies;
	}

	private static String percentiles(List<Long> micros) {
		List<Long> sorted = micros.stream().sorted().toList();
		return String.format(Locale.ROOT, "n=%d p50=%.1f p99=%.1f max=%.1f ms", sorted.size(), at(sorted, 0.50) / 1e3,
				at(sorted, 0.99) / 1e3, sorted.get(sorted.size() - 1) / 1e3);
	}

	private static long at(List<Long> sorted, double quantile) {
		return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
	}

	private void writeReport() throws IOException {
		String text = this.report.stream().collect(Collectors.joining("\n", "", "\n"));
		Path file = Path.of("target", "attack-responsiveness.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}

	/**
	 * Sends an import body a byte every 200 ms until the server answers; returns the
	 * status (408 once the body is too slow), or -1 when the connection broke first.
	 */
	private int trickle() {
		try {
			String answer = RawHttp.trickle(port(), project("/import"), "x-api-key: " + API_KEY
					+ "\r\nX-Forwarded-For: 192.0.2.44\r\nContent-Type: application/x-ndjson\r\n");
			return answer.matches("(?s)HTTP/1\\.1 \\d{3}.*") ? Integer.parseInt(answer.substring(9, 12)) : -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** Exposures of distinct visitors, with times over the last day, as NDJSON. */
	private static String importBody(long testId) {
		long now = System.currentTimeMillis();
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < IMPORTED_EVENTS; i++) {
			lines
				.append(json.writeValueAsString(
						Events.at(Events.exposure("imp-" + i, "imp-v" + i, testId, i % 2), now - 86_400_000L + i)))
				.append('\n');
		}
		return lines.toString();
	}

	private static String result(long testId) {
		return project("/experiment/" + testId + "/result");
	}

	private static String collectBody(Map<String, Object> event) {
		return json.writeValueAsString(Map.of("events", List.of(event)));
	}

	private int get(String path, String headers) {
		return RawHttp.send(port(), "GET", path, headers + "\r\n", null).status();
	}

	private int post(String path, String headers, String body) {
		try {
			return RawHttp.send(port(), "POST", path, headers + "Content-Type: application/json\r\n", body).status();
		}
		catch (UncheckedIOException ex) {
			// The server may close the connection of an oversized body before it is sent.
			return -1;
		}
	}

	private String newProject(String name) {
		Response created = this.api.post(project("/projects"), Map.of("name", name, "time_zone", "UTC"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return "/v2/project/" + created.json().at("/project/project_key").asString();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
