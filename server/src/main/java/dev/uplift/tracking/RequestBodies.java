package dev.uplift.tracking;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.uplift.web.ApiException;

/** Reads bounded request bodies of the tracking routes, whatever their content type. */
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

	private static ApiException tooLarge(int maxBytes) {
		return new ApiException.PayloadTooLarge("Request body is larger than " + maxBytes + " bytes");
	}

}
