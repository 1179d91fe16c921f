package dev.uplift.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

/** Spring's CORS processor, refusing in the API's error body rather than plain text. */
public final class JsonCorsProcessor extends DefaultCorsProcessor {

	@Override
	public void rejectRequest(ServerHttpResponse response) throws IOException {
		response.setStatusCode(HttpStatus.FORBIDDEN);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getBody()
			.write(ErrorBody
				.of("Cross-origin request refused: this origin, method or header is not allowed on this route")
				.toJson()
				.getBytes(StandardCharsets.UTF_8));
		response.flush();
	}

}
