package dev.uplift.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Whether health, results and another project's collect stay responsive under each attack
 * of docs/security.md (docs/performance.md, responsiveness under attack): starts Uplift
 * through {@code bin/uplift} on a fresh data directory with the public routes' limit set,
 * then runs each attack over the loopback for a few seconds while probes send health,
 * result and another project's collect requests one at a time, and prints their latencies
 * per attack with what the attack was answered. Run it with
 * {@code java -cp bench/target/benchmarks.jar dev.uplift.bench.load.AttackLoad
 * [--seconds S] [--import-events N] [--root DIR] [--server-opts JAVA_OPTS]}.
 */
public final class AttackLoad {

	/** Limits an install facing the internet would set; the slow-body grace shortened. */
	private static final String LIMITS = "-Duplift.limits.public-requests-per-second=50 "
			+ "-Duplift.limits.body-grace=1s -Dserver.forward-headers-strategy=native";

	private AttackLoad() {
	}

	public static void main(String[] args) throws Exception {
		double seconds = 5;
		long importEvents = 300_000;
		Path root = Path.of(".");
		String serverOptions = "";
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
				case "--import-events" -> importEvents = Long.parseLong(args[i + 1].replace("_", ""));
				case "--root" -> root = Path.of(args[i + 1]);
				case "--server-opts" -> serverOptions = args[i + 1];
				default -> throw new IllegalArgumentException("Unknown option " + args[i]);
			}
		}
		root = root.toAbsolutePath().normalize();
		Path work = root.resolve("bench/target/attack-load");
		LoadBenchmark.deleteTree(work);
		Files.createDirectories(work);
		try (UpliftProcess server = UpliftProcess.start(List.of(root.resolve("bin/uplift").toString()),
				(LIMITS + " " + serverOptions).trim(), work.resolve("data"), work.resolve("uplift.log"))) {
			new AttackLoad.Run(server.http(), (long) (seconds * 1000)).all(importEvents);
		}
	}

	/** The attacks against one server, one after another. */
	private static final class Run {

		private final UpliftHttp bootstrap;

		private final int port;

		private final long millis;

		private final Map<String, Probes.Call> probes = new LinkedHashMap<>();

		private long testId;

		Run(UpliftHttp bootstrap, long millis) {
			this.bootstrap = bootstrap;
			this.port = bootstrap.port();
			this.millis = millis;
		}

		void all(long importEvents) throws Exception {
			this.testId = this.bootstrap.createExperiment(ImportFairness.GOAL_KEY);
			UpliftHttp other = this.bootstrap.createProject("Other");
			long otherTest = other.createExperiment(ImportFairness.GOAL_KEY);
			String flooded = "/v2/project/" + this.bootstrap.createProject("Flooded").projectKey();
			String oversized = "/v2/project/" + this.bootstrap.createProject("Oversized").projectKey();
			String project = "/v2/project/" + this.bootstrap.projectKey();
			String result = project + "/experiment/" + this.testId + "/result";
			this.probes.putAll(ImportFairness.probes(other, otherTest, "attack"));
			this.probes.put("result", () -> {
				this.bootstrap.result(this.testId, "");
				return 200;
			});

			attack("none (idle)", 0, () -> 0);
			attack("malformed query strings", 4, () -> send("GET", project + "/client-config?%ff=1", "", null));
			AtomicInteger guess = new AtomicInteger();
			attack("guessed API keys", 4, () -> send("GET", result,
					"X-Forwarded-For: 203.0.113.66\r\nx-api-key: guess-" + guess.incrementAndGet() + "\r\n", null));
			byte[] oneEvent = "{\"events\":[{\"type\":\"goal\",\"visitor_id\":\"flood\",\"goal_key\":\"x\"}]}"
				.getBytes(StandardCharsets.UTF_8);
			// Eight clients: past the project's 50 a second on a loaded machine too.
			attack("collect flood of one project", 8,
					() -> send("POST", flooded + "/collect", "X-Forwarded-For: 198.51.100.9\r\n", oneEvent));
			byte[] tooLarge = ("{\"events\":[" + " ".repeat(1_100_000) + "]}").getBytes(StandardCharsets.UTF_8);
			attack("bodies over the size limit", 4,
					() -> send("POST", oversized + "/collect", "X-Forwarded-For: 198.51.100.10\r\n", tooLarge));
			attack("slow bodies (20 clients)", 20, () -> trickle(project + "/import"));
			byte[] lines = ImportFairness.ndjson(this.testId, importEvents);
			attack("import of " + importEvents + " events", 1, () -> {
				try {
					this.bootstrap.importLines(lines);
					return 200;
				}
				catch (IOException | IllegalStateException ex) {
					return -1;
				}
			});
		}

		/**
		 * Runs the attack from that many threads for the set time (a single attacker
		 * once, to its end) while the probes run; prints their latencies and the attack's
		 * answers by status.
		 */
		private void attack(String name, int attackers, IntSupplier request) throws InterruptedException {
			Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
			long end = System.currentTimeMillis() + this.millis;
			Probes probes = Probes.start(name, this.probes);
			List<Thread> threads = new ArrayList<>();
			for (int i = 0; i < attackers; i++) {
				Thread thread = new Thread(() -> {
					do {
						statuses.merge(request.getAsInt(), 1, Integer::sum);
					}
					while (attackers > 1 && System.currentTimeMillis() < end);
				}, "attacker-" + i);
				thread.start();
				threads.add(thread);
			}
			if (attackers == 0) {
				UpliftProcess.sleep(this.millis);
			}
			for (Thread thread : threads) {
				thread.join();
			}
			probes.stop();
			probes.print();
			System.out.printf(Locale.ROOT, "%-28s attack answered (status=count) %s%n", name, new TreeMap<>(statuses));
		}

		/**
		 * One request on a connection of its own; returns the status, or -1 when the
		 * connection broke first.
		 */
		private int send(String method, String path, String headers, byte[] body) {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				socket.setSoTimeout(30_000);
				OutputStream out = socket.getOutputStream();
				out.write(
						(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers
								+ ((body != null)
										? "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
										: "")
								+ "\r\n")
							.getBytes(StandardCharsets.ISO_8859_1));
				if (body != null) {
					out.write(body);
				}
				out.flush();
				return status(socket.getInputStream());
			}
			catch (IOException ex) {
				return -1;
			}
		}

		/**
		 * An import body sent a byte every 200 ms until the server answers (408 once it
		 * is too slow).
		 */
		private int trickle(String path) {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				socket.setSoTimeout(30_000);
				OutputStream out = socket.getOutputStream();
				out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nx-api-key: " + this.bootstrap.apiKey()
						+ "\r\nX-Forwarded-For: 192.0.2.44\r\nContent-Type: application/x-ndjson\r\n"
						+ "Content-Length: 1000\r\n\r\n{")
					.getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				InputStream in = socket.getInputStream();
				for (int i = 1; i < 1000 && in.available() == 0; i++) {
					try {
						out.write(' ');
						out.flush();
					}
					catch (IOException closed) {
						break;
					}
					UpliftProcess.sleep(200);
				}
				return status(in);
			}
			catch (IOException ex) {
				return -1;
			}
		}

		private static int status(InputStream in) throws IOException {
			String head = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
			return head.matches("HTTP/1\\.1 \\d{3}") ? Integer.parseInt(head.substring(9)) : -1;
		}

	}

}
