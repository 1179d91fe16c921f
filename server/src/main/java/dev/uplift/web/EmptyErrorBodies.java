package dev.uplift.web;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * A response that gets the API's error body when it is about to be sent with an error
 * status and no content: Actuator answers an unknown health group or meter with an empty
 * 404.
 */
final class EmptyErrorBodies extends HttpServletResponseWrapper {

	private boolean writerUsed;

	EmptyErrorBodies(HttpServletResponse response) {
		super(response);
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		this.writerUsed = true;
		return super.getWriter();
	}

	@Override
	public void flushBuffer() throws IOException {
		fillIfEmpty();
		super.flushBuffer();
	}

	/**
	 * Writes the error body if the status is an error, no content type is set and nothing
	 * is sent yet.
	 */
	void fillIfEmpty() throws IOException {
		HttpServletResponse response = (HttpServletResponse) getResponse();
		if (response.isCommitted() || response.getStatus() < 400 || response.getContentType() != null) {
			return;
		}
		HttpStatus status = HttpStatus.resolve(response.getStatus());
		ErrorBody body = ErrorBody.of((status != null) ? status.getReasonPhrase() : "Error");
		response.resetBuffer();
		if (this.writerUsed) {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter().write(body.toJson());
		}
		else {
			body.writeTo(response, response.getStatus());
		}
	}

}
