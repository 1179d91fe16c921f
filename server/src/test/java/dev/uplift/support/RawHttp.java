package dev.uplift.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends a request exactly as written, byte for byte, for the requests that Java's HTTP client
 * refuses to build (malformed URLs, invalid percent-encoding, odd headers).
 */
public final class RawHttp {

	private RawHttp() {
	}

	/** Sends {@code method target} with the given extra header lines (each ending in CRLF) and body. */
	public static Response send(int port, String method, String target, String headers, String body) {
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
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
		return send(port, "GET", target, "", null);
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		in.transferTo(all);
		return all.toByteArray();
	}

	private static Response parse(byte[] raw) {
		String text = new String(raw, StandardCharsets.UTF_8);
		int end = text.indexOf("\r\n\r\n");
		String head = (end < 0) ? text : text.substring(0, end);
		String body = (end < 0) ? "" : text.substring(end + 4);
		int status = Integer.parseInt(head.substring(9, 12));
		if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
			body = unchunk(body);
		}
		return new Response(status, head, body);
	}

	private static String unchunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (at < chunked.length()) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
			if (size == 0) {
				break;
			}
			body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
		return body.toString();
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
