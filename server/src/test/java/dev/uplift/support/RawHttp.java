package dev.uplift.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Sends a request exactly as written, byte for byte, for the requests that Java's HTTP
 * client refuses to build (malformed URLs, invalid percent-encoding, odd headers).
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends {@code method target} with the given extra header lines (each ending in CRLF)
	 * and body.
	 */
	public static Response send(int port, String method, String target, String headers, String body) {
		return sendBytes(port, method, target, headers, (body != null) ? body.getBytes(StandardCharsets.UTF_8) : null);
	}

	/** The same with the body's bytes as they are, valid UTF-8 or not. */
	public static Response sendBytes(int port, String method, String target, String headers, byte[] body) {
		byte[] content = (body != null) ? body : new byte[0];
		String head = method + " " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n"
				+ headers + ((body != null) ? "Content-Length: " + content.length + "\r\n" : "") + "\r\n";
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			return parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static Response get(int port, String target) {
		return sendBytes(port, "GET", target, "", null);
	}

	/**
	 * Sends a POST announcing a body of 1,000 bytes and sends it a byte every 200 ms (20
	 * s in all) until the server answers or closes the connection; returns what the
	 * server answered, empty when it closed without an answer.
	 */
	public static String trickle(int port, String target, String headers) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(
					("POST " + target + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "Content-Length: 1000\r\n\r\n{")
						.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			for (int i = 1; i < 1000 && in.available() == 0; i++) {
				try {
					out.write(' ');
					out.flush();
				}
				catch (IOException closed) {
					break;
				}
				pause(200);
			}
			return new String(readAll(in), StandardCharsets.ISO_8859_1);
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		in.transferTo(all);
		return all.toByteArray();
	}

	private static Response parse(byte[] raw) {
		int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
		String head = new String(raw, 0, (end < 0) ? raw.length : end, StandardCharsets.ISO_8859_1);
		int status = Integer.parseInt(head.substring(9, 12));
		byte[] body = (end < 0) ? new byte[0] : Arrays.copyOfRange(raw, end + 4, raw.length);
		if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
			body = unchunk(body);
		}
		return new Response(status, head, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] unchunk(byte[] chunked) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		byte[] lineEnd = "\r\n".getBytes(StandardCharsets.US_ASCII);
		int at = 0;
		while (at < chunked.length) {
			int sizeEnd = indexOf(chunked, lineEnd, at);
			int size = Integer.parseInt(new String(chunked, at, sizeEnd - at, StandardCharsets.US_ASCII).strip(), 16);
			if (size == 0) {
				break;
			}
			body.write(chunked, sizeEnd + 2, size);
			at = sizeEnd + 2 + size + 2;
		}
		return body.toByteArray();
	}

	private static int indexOf(byte[] data, byte[] part, int from) {
		for (int i = from; i <= data.length - part.length; i++) {
			if (Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
				return i;
			}
		}
		return -1;
	}

	/** A raw answer: its status, its header block as text, its body (de-chunked). */
	public record Response(int status, String head, String body) {

		/** The value of a header, or null; names compare without case. */
		public String header(String name) {
			for (String line : this.head.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
					return line.substring(colon + 1).strip();
				}
			}
			return null;
		}

	}

}
