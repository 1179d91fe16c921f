package dev.uplift.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.uplift.UpliftApplication;

/**
 * One Uplift node as its own JVM process on the test classpath, so that nodes share no
 * memory, no static state and no beans; its output goes to a log file under
 * {@code target/nodes}.
 */
final class NodeProcess implements AutoCloseable {

	// "on port N", or "on ports N (http), M (http)" with the demo's connector second.
	private static final Pattern STARTED = Pattern.compile("Tomcat started on ports? (\\d+)");

	private static final long START_TIMEOUT_SECONDS = 180;

	private static final long STOP_TIMEOUT_SECONDS = 120;

	private final String name;

	private final Map<String, String> properties;

	private final List<String> jvmOptions;

	private final Path log;

	private Process process;

	private volatile String baseUrl;

	private int starts;

	NodeProcess(String name, Map<String, String> properties, List<String> jvmOptions) {
		this.name = name;
		this.properties = Map.copyOf(properties);
		this.jvmOptions = List.copyOf(jvmOptions);
		this.log = Path.of("target", "nodes", name + "-" + ProcessHandle.current().pid() + ".log");
	}

	/** Starts the process and waits until its web server listens. */
	synchronized NodeProcess start() {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(UpliftApplication.class.getName());
		command.add("--server.port=0");
		this.properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		try {
			Files.createDirectories(this.log.getParent());
			Files.writeString(this.log, "---- start " + (++this.starts) + System.lineSeparator(),
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			long offset = Files.size(this.log);
			// Straight to the file: Process.destroy() closes the pipes, which would lose
			// the shutdown log.
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
			this.baseUrl = "http://localhost:" + awaitPort(offset);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this;
	}

	/** The node's address while it runs, null while it is down. */
	String baseUrl() {
		return this.baseUrl;
	}

	String name() {
		return this.name;
	}

	/**
	 * Stops the node as an orchestrator does (SIGTERM: graceful shutdown, queue drained);
	 * returns the exit code.
	 */
	synchronized int stop() {
		this.process.destroy();
		return awaitExit();
	}

	/** Kills the node without warning (SIGKILL): nothing in flight is drained. */
	synchronized int kill() {
		this.process.destroyForcibly();
		return awaitExit();
	}

	@Override
	public synchronized void close() {
		if (this.process != null && this.process.isAlive()) {
			stop();
		}
	}

	private int awaitExit() {
		try {
			if (!this.process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
				throw new IllegalStateException("Node " + this.name + " did not stop within " + STOP_TIMEOUT_SECONDS
						+ " s; see " + this.log.toAbsolutePath());
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			this.baseUrl = null;
		}
	}

	private int awaitPort(long offset) throws IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
		while (System.nanoTime() < deadline && this.process.isAlive()) {
			byte[] bytes = Files.readAllBytes(this.log);
			String output = new String(bytes, (int) offset, bytes.length - (int) offset, StandardCharsets.UTF_8);
			Matcher matcher = STARTED.matcher(output);
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		this.process.destroyForcibly();
		throw new IllegalStateException("Node " + this.name + " did not start; see " + this.log.toAbsolutePath());
	}

}
