package dev.uplift.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests that talk to a running Uplift as a user's script would.
 */
public final class ApiClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	private final String apiKey;

	public ApiClient(String baseUrl, String apiKey) {
		this.baseUrl = baseUrl;
		this.apiKey = apiKey;
	}

	/** The same server, authenticating with another key (null for none). */
	public ApiClient withKey(String apiKey) {
		return new ApiClient(this.baseUrl, apiKey);
	}

	public Response get(String path) {
		return send(request(path).GET());
	}

	public Response delete(String path) {
		return send(request(path).DELETE());
	}

	public Response post(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(toJson(body))));
	}

	public Response patch(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(toJson(body))));
	}

	/** Sends a raw body with the given content type. */
	public Response send(String method, String path, String contentType, String body) {
		return send(request(path).header("Content-Type", contentType)
			.method(method, HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Sends a request with extra headers and no API key of this client. */
	public Response sendWithHeaders(String method, String path, Map<String, String> headers, String body) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path));
		headers.forEach(builder::header);
		builder.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return send(builder);
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path));
		if (this.apiKey != null) {
			builder.header("Authorization", "Bearer " + this.apiKey);
		}
		return builder;
	}

	private Response send(HttpRequest.Builder builder) {
		try {
			HttpResponse<String> response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers().map());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String toJson(Object body) {
		return (body instanceof String text) ? text : json.writeValueAsString(body);
	}

	/** A response: status, raw body, parsed JSON. */
	public record Response(int status, String body, Map<String, java.util.List<String>> headers) {

		public JsonNode json() {
			return ApiClient.json.readTree(this.body);
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}
