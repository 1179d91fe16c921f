package dev.uplift.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * One request whose body must arrive at a least average rate, measured over the time the
 * handler spent waiting for it, once that time passes a grace period. Tomcat's read
 * timeout applies to each read, so a client sending a byte a second held a request thread
 * for as long as it liked; 200 of them held them all. Past the limit, reading fails,
 * whatever the handler then answers is dropped, and the request is answered 408 with
 * {@code Connection: close}.
 */
final class SlowBodyGuard {

	private final HttpServletRequest request;

	private final HttpServletResponse response;

	private final long minBytesPerSecond;

	private final long graceNanos;

	private long bytes;

	private long waitedNanos;

	private volatile boolean tooSlow;

	SlowBodyGuard(HttpServletRequest request, HttpServletResponse response, long minBytesPerSecond, long graceNanos) {
		this.request = request;
		this.response = response;
		this.minBytesPerSecond = minBytesPerSecond;
		this.graceNanos = graceNanos;
	}

	HttpServletRequest request() {
		return new HttpServletRequestWrapper(this.request) {

			private ServletInputStream stream;

			@Override
			public ServletInputStream getInputStream() throws IOException {
				if (this.stream == null) {
					this.stream = new GuardedStream(super.getInputStream());
				}
				return this.stream;
			}

			@Override
			public BufferedReader getReader() throws IOException {
				String encoding = getCharacterEncoding();
				return new BufferedReader(new InputStreamReader(getInputStream(),
						(encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8));
			}

		};
	}

	HttpServletResponse response() {
		return new HttpServletResponseWrapper(this.response) {

			@Override
			public ServletOutputStream getOutputStream() throws IOException {
				return SlowBodyGuard.this.tooSlow ? DISCARD : super.getOutputStream();
			}

			@Override
			public PrintWriter getWriter() throws IOException {
				return SlowBodyGuard.this.tooSlow ? new PrintWriter(OutputStream.nullOutputStream())
						: super.getWriter();
			}

			@Override
			public void setStatus(int status) {
				if (!SlowBodyGuard.this.tooSlow) {
					super.setStatus(status);
				}
			}

			@Override
			public void sendError(int status, String message) throws IOException {
				if (!SlowBodyGuard.this.tooSlow) {
					super.sendError(status, message);
				}
			}

			@Override
			public void sendError(int status) throws IOException {
				if (!SlowBodyGuard.this.tooSlow) {
					super.sendError(status);
				}
			}

			@Override
			public void flushBuffer() throws IOException {
				if (!SlowBodyGuard.this.tooSlow) {
					super.flushBuffer();
				}
			}

		};
	}

	/** Answers 408 when the body came too slowly; true when it did. */
	boolean answerIfTooSlow() throws IOException {
		if (!this.tooSlow || this.response.isCommitted()) {
			return this.tooSlow;
		}
		this.response.reset();
		this.response.setHeader("Connection", "close");
		ErrorBody
			.of("The request body arrived slower than " + this.minBytesPerSecond
					+ " bytes a second; send it faster or in smaller requests")
			.writeTo(this.response, 408);
		return true;
	}

	private void count(int read, long waited) throws IOException {
		if (read < 0) {
			return;
		}
		this.bytes += read;
		this.waitedNanos += waited;
		if (this.waitedNanos > this.graceNanos
				&& this.bytes * 1_000_000_000L / this.waitedNanos < this.minBytesPerSecond) {
			this.tooSlow = true;
			throw new IOException("request body arrived slower than " + this.minBytesPerSecond + " bytes a second");
		}
	}

	private static final ServletOutputStream DISCARD = new ServletOutputStream() {

		@Override
		public void write(int b) {
		}

		@Override
		public void write(byte[] b, int off, int len) {
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
		}

	};

	/** The body's stream, counting what arrives and failing once it is too slow. */
	private final class GuardedStream extends ServletInputStream {

		private final ServletInputStream body;

		GuardedStream(ServletInputStream body) {
			this.body = body;
		}

		@Override
		public int read() throws IOException {
			long started = System.nanoTime();
			int read = this.body.read();
			count((read < 0) ? -1 : 1, System.nanoTime() - started);
			return read;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			long started = System.nanoTime();
			int read = this.body.read(buffer, offset, length);
			count(read, System.nanoTime() - started);
			return read;
		}

		@Override
		public boolean isFinished() {
			return this.body.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.body.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.body.setReadListener(listener);
		}

		@Override
		public void close() throws IOException {
			this.body.close();
		}

	}

}
