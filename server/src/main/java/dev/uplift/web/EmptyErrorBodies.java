package dev.uplift.web;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpStatus;

/**
 * A response that gets the API's error body when it is about to be sent with an error status and
 * nothing written: Actuator answers an unknown health group or meter with an empty 404.
 */
final class EmptyErrorBodies extends HttpServletResponseWrapper {

	private boolean written;

	EmptyErrorBodies(HttpServletResponse response) {
		super(response);
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		this.written = true;
		return super.getOutputStream();
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		this.written = true;
		return super.getWriter();
	}

	@Override
	public void flushBuffer() throws IOException {
		fillIfEmpty();
		super.flushBuffer();
	}

	/** Writes the error body if the status is an error, nothing was written and nothing is sent yet. */
	void fillIfEmpty() throws IOException {
		HttpServletResponse response = (HttpServletResponse) getResponse();
		if (!this.written && !response.isCommitted() && response.getStatus() >= 400) {
			this.written = true;
			HttpStatus status = HttpStatus.resolve(response.getStatus());
			ErrorBody.of((status != null) ? status.getReasonPhrase() : "Error").writeTo(response, response.getStatus());
		}
	}

}
