package dev.uplift.operations;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's health check answers 0 only for a 200 with status UP, as Docker counts exit
 * codes; the running image's check is in ContainerImageRunTests.
 */
class HealthProbeTests {

	@Test
	void healthyOnlyWhenTheEndpointAnswersUp() throws IOException {
		assertThat(probe(200, "{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}")).isZero();
		assertThat(probe(200, "{\n  \"status\" : \"UP\"\n}")).isZero();
		assertThat(probe(503, "{\"status\":\"DOWN\"}")).isOne();
		assertThat(probe(200, "{\"status\":\"OUT_OF_SERVICE\"}")).isOne();
		assertThat(probe(404, "")).isOne();
	}

	@Test
	void asksOnlyAPortNumber() {
		assertThat(HealthProbe.endpoint("8080")).contains(URI.create("http://127.0.0.1:8080/actuator/health"));
		assertThat(HealthProbe.endpoint("80a")).isEmpty();
		assertThat(HealthProbe.endpoint("8080/../x")).isEmpty();
		assertThat(HealthProbe.endpoint("")).isEmpty();
	}

	@Test
	void unhealthyWhenNothingListens() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int code = HealthProbe.check(URI.create("http://127.0.0.1:" + port + "/actuator/health"),
				new PrintStream(out, true, StandardCharsets.UTF_8));
		assertThat(code).isOne();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("/actuator/health");
	}

	private static int probe(int status, String body) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/actuator/health", (exchange) -> {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, (bytes.length > 0) ? bytes.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		server.start();
		try {
			URI health = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/actuator/health");
			return HealthProbe.check(health, new PrintStream(OutputStream.nullOutputStream()));
		}
		finally {
			server.stop(0);
		}
	}

}
