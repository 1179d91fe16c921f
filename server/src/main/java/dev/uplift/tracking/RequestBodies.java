package dev.uplift.tracking;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.uplift.web.ApiException;

import org.springframework.http.MediaType;

/**
 * Reads bounded request bodies of the tracking routes, whatever their content type, and writes the
 * collect route's answer.
 */
final class RequestBodies {

	private static final JsonMapper json = JsonMapper.builder().build();

	private RequestBodies() {
	}

	/** The body parsed as JSON (sent as application/json or, by sendBeacon, text/plain); 413 beyond the limit. */
	static JsonNode json(HttpServletRequest request, int maxBytes) {
		if (request.getContentLengthLong() > maxBytes) {
			throw tooLarge(maxBytes);
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(maxBytes + 1);
		}
		catch (IOException ex) {
			throw new ApiException.BadRequest("Could not read the request body");
		}
		if (body.length > maxBytes) {
			throw tooLarge(maxBytes);
		}
		return parse(body);
	}

	static JsonNode parse(byte[] body) {
		if (body.length == 0) {
			throw new ApiException.BadRequest("Request body is empty; send JSON");
		}
		try {
			return json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new ApiException.BadRequest("Malformed JSON: " + ex.getOriginalMessage());
		}
	}

	static JsonNode parseLine(String line) {
		try {
			return json.readTree(line);
		}
		catch (JacksonException ex) {
			throw new EventParser.InvalidEvent("malformed JSON: " + ex.getOriginalMessage());
		}
	}

	/**
	 * Writes a JSON answer with its length, past Spring's content negotiation and message converters,
	 * which took 7 % of a single-event collect request's thread time (docs/performance.md). Errors
	 * still go through the API's one error shape: they are thrown before anything is written.
	 */
	static void answer(HttpServletResponse response, int status, Object body) throws IOException {
		byte[] bytes = json.writeValueAsBytes(body);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	private static ApiException tooLarge(int maxBytes) {
		return new ApiException.PayloadTooLarge("Request body is larger than " + maxBytes + " bytes");
	}

}
