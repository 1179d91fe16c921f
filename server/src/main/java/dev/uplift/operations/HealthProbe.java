package dev.uplift.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The container image's health check (docs/operations.md, container image): asks the
 * server in the same container for {@code /actuator/health} and exits 0 when it answers
 * 200 with status UP, 1 otherwise. The image has no shell and no curl, so the check runs
 * on the image's JVM with the JDK's classes only; the port is {@code SERVER_PORT}'s, else
 * 8080.
 */
public final class HealthProbe {

	private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

	private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

	private HealthProbe() {
	}

	public static void main(String[] args) {
		String port = System.getenv().getOrDefault("SERVER_PORT", "8080");
		Optional<URI> health = endpoint(port);
		if (health.isEmpty()) {
			System.out.println("SERVER_PORT is not a port number: " + port);
		}
		System.exit(health.map((uri) -> check(uri, System.out)).orElse(1));
	}

	/** The health endpoint on this port of the container, if it is a port number. */
	static Optional<URI> endpoint(String port) {
		return PORT.matcher(port).matches() ? Optional.of(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
				: Optional.empty();
	}

	/**
	 * Asks the health endpoint once.
	 * @param health the endpoint
	 * @param out where the answer is described (Docker keeps it in the health log)
	 * @return 0 when healthy, 1 otherwise
	 */
	static int check(URI health, PrintStream out) {
		try {
			HttpURLConnection connection = (HttpURLConnection) health.toURL().openConnection();
			connection.setConnectTimeout(2_000);
			connection.setReadTimeout(8_000);
			int status = connection.getResponseCode();
			InputStream body = (status < 400) ? connection.getInputStream() : connection.getErrorStream();
			String text = (body != null) ? new String(body.readNBytes(4096), StandardCharsets.UTF_8) : "";
			connection.disconnect();
			if (status == 200 && UP.matcher(text).find()) {
				out.println("UP");
				return 0;
			}
			out.println(health + " answered " + status + ": " + text);
			return 1;
		}
		catch (IOException ex) {
			out.println(health + ": " + ex);
			return 1;
		}
	}

}
