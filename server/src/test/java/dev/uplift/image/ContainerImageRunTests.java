package dev.uplift.image;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the built image without a container runtime: its layers unpacked in order into a
 * directory, its entrypoint started there as its user with its environment and working
 * directory, in a mount and PID namespace of its own with a fresh /proc (util-linux's
 * {@code unshare --root --setuid}, as root), on the host's network with free ports. It
 * must serve {@code /actuator/health} UP, write its database to the volume as its user,
 * and pass its own health check, run the same way; stopped, the check must fail. Skipped
 * when not root or unshare cannot do this, mandatory in CI (which runs as root).
 */
class ContainerImageRunTests {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private static final String UNSHARE = "/usr/bin/unshare";

	@Test
	void startsAsItsUserAndPassesItsHealthCheck(@TempDir Path temp) throws Exception {
		Path tarball = ImageTarball.require();
		requireNamespaces(temp);
		ImageTarball image = ImageTarball.read(tarball);
		Path root = unpack(tarball, image, temp);
		try {
			startAndCheck(root, image.config().get("config"), image.environment(), temp);
		}
		finally {
			deleteTree(root);
		}
	}

	private static void startAndCheck(Path root, JsonNode config, Map<String, String> environment, Path temp)
			throws Exception {
		int port = freePort();
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.put("UPLIFT_DEMO_PORT", Integer.toString(freePort()));
		List<String> test = ImageTarball.strings(config.get("Healthcheck").get("Test"));
		assertThat(test).first().isEqualTo("CMD");
		ProcessBuilder healthCheck = inContainer(root, config, test.subList(1, test.size()), environment);
		Path log = temp.resolve("uplift.log");
		Process server = inContainer(root, config, ImageTarball.strings(config.get("Entrypoint")), environment)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		boolean stopped;
		try {
			awaitUp(server, port, log);
			assertThat(run(healthCheck)).as("health check while serving").isEqualTo("0 UP");
			Path database = root.resolve("data/uplift.db");
			assertThat(database).exists();
			assertThat(Files.getAttribute(database, "unix:uid")).isEqualTo(10001);
			assertThat(root.resolve("data/initial-credentials.txt")).exists();
			assertThat(Files.readString(log)).contains("api_key");
		}
		finally {
			stopped = stop(server);
		}
		assertThat(stopped).as("stopped within 30 s of SIGTERM").isTrue();
		assertThat(run(healthCheck)).as("health check when stopped").startsWith("1 ");
	}

	/**
	 * Deletes the unpacked image, its links as links, before JUnit would (which warns
	 * about every absolute link). No mount is left in it: /proc was mounted in namespaces
	 * that ended with their processes.
	 */
	private static void deleteTree(Path root) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/**
	 * Skips (fails in CI) unless this runs as root with an unshare that can enter a root
	 * directory and mount /proc there: trying it on an empty one ends in "no such
	 * command".
	 */
	private static void requireNamespaces(Path temp) throws IOException, InterruptedException {
		boolean root = Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
		boolean able = false;
		if (root && Files.isExecutable(Path.of(UNSHARE))) {
			Path empty = Files.createDirectories(temp.resolve("empty/proc")).getParent();
			Process process = new ProcessBuilder(UNSHARE, "--mount", "--pid", "--fork", "--mount-proc=/proc",
					"--root=" + empty, "--wd=/", "/nothing")
				.redirectErrorStream(true)
				.start();
			process.getInputStream().readAllBytes();
			able = process.waitFor() == 127;
		}
		String missing = "Running the image needs root and util-linux's unshare 2.38+ (--root, --setuid)";
		if (!able && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(missing + " (CI=true: the image tests must run)");
		}
		Assumptions.assumeTrue(able, () -> "Skipped: " + missing);
	}

	/**
	 * The layers unpacked in the manifest's order, owners and modes kept, as a runtime
	 * would.
	 */
	private static Path unpack(Path tarball, ImageTarball image, Path temp) throws Exception {
		Path blobs = Files.createDirectories(temp.resolve("blobs"));
		Path root = Files.createDirectories(temp.resolve("root"));
		assertThat(run(new ProcessBuilder("tar", "-xf", tarball.toAbsolutePath().toString(), "-C", blobs.toString())))
			.startsWith("0");
		for (JsonNode layer : image.manifest().get("Layers")) {
			assertThat(run(new ProcessBuilder("tar", "--numeric-owner", "--same-owner", "--warning=no-unknown-keyword",
					"-xzpf", blobs.resolve(layer.asString()).toString(), "-C", root.toString())))
				.startsWith("0");
		}
		// what a runtime adds: the mount point of /proc, and the devices a JVM opens
		Files.createDirectories(root.resolve("proc"));
		Files.createDirectories(root.resolve("dev"));
		for (String[] device : new String[][] { { "null", "3" }, { "zero", "5" }, { "random", "8" },
				{ "urandom", "9" } }) {
			assertThat(run(new ProcessBuilder("mknod", "-m", "666", root.resolve("dev/" + device[0]).toString(), "c",
					"1", device[1])))
				.startsWith("0");
		}
		return root;
	}

	/**
	 * The command in the image's root, user and working directory, with only its
	 * environment.
	 */
	private static ProcessBuilder inContainer(Path root, JsonNode config, List<String> command,
			Map<String, String> environment) {
		String[] user = config.get("User").asString().split(":");
		List<String> line = new ArrayList<>(List.of(UNSHARE, "--mount", "--pid", "--fork", "--mount-proc=/proc",
				"--root=" + root, "--wd=" + config.path("WorkingDir").asString("/"), "--setgid=" + user[1],
				"--setuid=" + user[0]));
		line.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(line);
		builder.environment().clear();
		builder.environment().putAll(environment);
		return builder;
	}

	/** Runs to its end (at most 60 s): "EXIT-CODE OUTPUT". */
	private static String run(ProcessBuilder builder) throws IOException, InterruptedException {
		Process process = builder.redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("still running after 60 s: " + builder.command());
		}
		return process.exitValue() + " " + new String(output, StandardCharsets.UTF_8).trim();
	}

	private static void awaitUp(Process server, int port, Path log) throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!server.isAlive()) {
				throw new AssertionError(
						"the image's entrypoint exited with " + server.exitValue() + ":\n" + Files.readString(log));
			}
			try {
				HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError("not UP within " + START_TIMEOUT + ":\n" + Files.readString(log));
	}

	/**
	 * SIGTERM to the JVM (the namespace's first process, below unshare), as a runtime's
	 * stop sends; SIGKILL to what is left after 30 s.
	 * @return whether it ended within 30 s of SIGTERM
	 */
	private static boolean stop(Process server) throws InterruptedException {
		server.descendants().forEach(ProcessHandle::destroy);
		if (server.waitFor(30, TimeUnit.SECONDS)) {
			return true;
		}
		server.descendants().forEach(ProcessHandle::destroyForcibly);
		server.destroyForcibly();
		server.waitFor(10, TimeUnit.SECONDS);
		return false;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
