package dev.uplift.image;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the entries of a tar stream: POSIX ustar with PAX headers (Jib's) and GNU with
 * long-name entries (GNU tar's), which is what image tarballs and their layers are.
 */
final class Tar {

	private static final int BLOCK = 512;

	private Tar() {
	}

	/**
	 * One file, directory or link of an archive; the name without a leading "./" or "/".
	 */
	record Entry(String name, char type, int mode, long uid, long gid, long size, String linkName) {

		boolean directory() {
			return this.type == '5';
		}

	}

	/** Told each entry with its content, which it may read in part or not at all. */
	interface Visitor {

		void visit(Entry entry, InputStream content) throws IOException;

	}

	/**
	 * Visits every entry of the archive, in order.
	 * @param in the archive, uncompressed; read to its end-of-archive blocks
	 * @param visitor told each entry
	 * @throws IOException when the archive cannot be read or is cut short
	 */
	static void walk(InputStream in, Visitor visitor) throws IOException {
		byte[] header = new byte[BLOCK];
		String longName = null;
		String longLink = null;
		Map<String, String> pax = new HashMap<>();
		while (in.readNBytes(header, 0, BLOCK) == BLOCK && !zeros(header)) {
			char type = (char) header[156];
			long size = octal(header, 124, 12);
			if (pax.containsKey("size")) {
				size = Long.parseLong(pax.get("size"));
			}
			Content content = new Content(in, size);
			if (type == 'L' || type == 'K') {
				String value = trimNul(new String(content.readAllBytes(), StandardCharsets.UTF_8));
				if (type == 'L') {
					longName = value;
				}
				else {
					longLink = value;
				}
			}
			else if (type == 'x') {
				pax = paxRecords(content.readAllBytes());
			}
			else if (type != 'g') {
				String name = string(header, 0, 100);
				boolean posix = header[257] == 'u' && header[262] == 0;
				String prefix = posix ? string(header, 345, 155) : "";
				if (!prefix.isEmpty()) {
					name = prefix + "/" + name;
				}
				name = pax.getOrDefault("path", (longName != null) ? longName : name);
				String link = pax.getOrDefault("linkpath", (longLink != null) ? longLink : string(header, 157, 100));
				long uid = pax.containsKey("uid") ? Long.parseLong(pax.get("uid")) : octal(header, 108, 8);
				long gid = pax.containsKey("gid") ? Long.parseLong(pax.get("gid")) : octal(header, 116, 8);
				Entry entry = new Entry(normalize(name), type, (int) octal(header, 100, 8), uid, gid, size, link);
				visitor.visit(entry, content);
				longName = null;
				longLink = null;
				pax = new HashMap<>();
			}
			content.skipRest();
			long padding = (BLOCK - size % BLOCK) % BLOCK;
			in.skipNBytes(padding);
		}
	}

	private static String normalize(String name) {
		String normalized = name;
		while (normalized.startsWith("./") || normalized.startsWith("/")) {
			normalized = normalized.substring(normalized.indexOf('/') + 1);
		}
		while (normalized.endsWith("/")) {
			normalized = normalized.substring(0, normalized.length() - 1);
		}
		return normalized.equals(".") ? "" : normalized;
	}

	/** PAX records: "LENGTH key=value\n", LENGTH counting the whole record in bytes. */
	private static Map<String, String> paxRecords(byte[] data) {
		Map<String, String> records = new HashMap<>();
		int at = 0;
		while (at < data.length) {
			int space = at;
			while (space < data.length && data[space] != ' ') {
				space++;
			}
			if (space == at || space >= data.length) {
				break;
			}
			int length = Integer.parseInt(new String(data, at, space - at, StandardCharsets.US_ASCII));
			String record = new String(data, space + 1, length - (space - at) - 2, StandardCharsets.UTF_8);
			int equals = record.indexOf('=');
			records.put(record.substring(0, equals), record.substring(equals + 1));
			at += length;
		}
		return records;
	}

	private static boolean zeros(byte[] block) {
		for (byte b : block) {
			if (b != 0) {
				return false;
			}
		}
		return true;
	}

	private static String string(byte[] header, int offset, int length) {
		return trimNul(new String(header, offset, length, StandardCharsets.UTF_8));
	}

	private static String trimNul(String value) {
		int nul = value.indexOf('\0');
		return (nul >= 0) ? value.substring(0, nul) : value;
	}

	private static long octal(byte[] header, int offset, int length) {
		String digits = string(header, offset, length).trim();
		return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
	}

	/** The current entry's bytes, and no more. */
	private static final class Content extends InputStream {

		private final InputStream in;

		private long remaining;

		Content(InputStream in, long size) {
			this.in = in;
			this.remaining = size;
		}

		@Override
		public int read() throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException("tar entry cut short");
			}
			this.remaining--;
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			int read = this.in.read(buffer, offset, (int) Math.min(length, this.remaining));
			if (read < 0) {
				throw new EOFException("tar entry cut short");
			}
			this.remaining -= read;
			return read;
		}

		void skipRest() throws IOException {
			this.in.skipNBytes(this.remaining);
			this.remaining = 0;
		}

		@Override
		public void close() {
			// the archive's stream stays open for the next entry
		}

	}

}
