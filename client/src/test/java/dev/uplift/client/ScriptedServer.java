package dev.uplift.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A test double for the network: an HTTP endpoint that answers each request by a script
 * of the request's attempt number (how often the same body arrived), either on its own or
 * after passing the request on to a real server, which then stores it even when the
 * script makes the answer fail.
 */
final class ScriptedServer implements AutoCloseable {

	private final HttpClient http = HttpClient.newHttpClient();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final IntFunction<Answer> script;

	private final URI upstream;

	private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

	private final List<String> bodies = new ArrayList<>();

	private ScriptedServer(IntFunction<Answer> script, URI upstream) throws IOException {
		this.script = script;
		this.upstream = upstream;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** Answers every request itself as the script says, 202 where it says null. */
	static ScriptedServer answering(IntFunction<Answer> script) throws IOException {
		return new ScriptedServer(script, null);
	}

	/**
	 * Passes every request on to {@code upstream}, then answers as the script says, or as
	 * upstream did.
	 */
	static ScriptedServer inFrontOf(URI upstream, IntFunction<Answer> script) throws IOException {
		return new ScriptedServer(script, upstream);
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** The bodies received, in order of arrival. */
	List<String> bodies() {
		synchronized (this.bodies) {
			return List.copyOf(this.bodies);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		synchronized (this.bodies) {
			this.bodies.add(body);
		}
		int attempt = this.attempts.merge(body, 1, Integer::sum);
		Answer answer = (this.upstream != null) ? forward(exchange.getRequestURI().getPath(), body)
				: new Answer(202, null, "{\"success\":true}");
		Answer scripted = this.script.apply(attempt);
		respond(exchange, (scripted != null) ? scripted : answer);
	}

	private Answer forward(String path, String body) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.upstream + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), null, response.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static void respond(HttpExchange exchange, Answer answer) throws IOException {
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		if (answer.retryAfter() != null) {
			exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
		}
		exchange.sendResponseHeaders(answer.status(), bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/** A scripted answer: status, optional {@code Retry-After} header, body. */
	record Answer(int status, String retryAfter, String body) {

		static Answer unavailable(String retryAfter) {
			return new Answer(503, retryAfter, "{\"success\":false,\"error\":\"Busy\"}");
		}

	}

}
