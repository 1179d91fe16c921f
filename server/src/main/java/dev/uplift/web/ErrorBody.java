package dev.uplift.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/** The one error shape of the API: {@code {"success": false, "error": "..."}}. */
public record ErrorBody(boolean success, String error) {

	private static final JsonMapper json = JsonMapper.builder().build();

	public static ErrorBody of(String message) {
		return new ErrorBody(false, message);
	}

	/** The body as JSON text. */
	String toJson() {
		return json.writeValueAsString(this);
	}

	/**
	 * Answers with this body and the given status, for the places that write past Spring
	 * MVC (filters, valves).
	 */
	public void writeTo(HttpServletResponse response, int status) throws IOException {
		byte[] bytes = json.writeValueAsBytes(this);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

}
