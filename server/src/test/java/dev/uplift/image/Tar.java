package dev.uplift.image;

import java.io.IOException;
import java.io.InputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Walks the entries of a tar stream (Commons Compress reads ustar, PAX and GNU long
 * names: Jib's layers and GNU tar's), with names as the image's paths.
 */
final class Tar {

	private Tar() {
	}

	/**
	 * One file, directory or link of an archive; the name without a leading "./" or "/".
	 */
	record Entry(String name, boolean directory, int mode, long uid, long gid, long size, String linkName) {

	}

	/** Told each entry with its content, which it may read in part or not at all. */
	interface Visitor {

		void visit(Entry entry, InputStream content) throws IOException;

	}

	/**
	 * Visits every entry of the archive, in order.
	 * @param in the archive, uncompressed
	 * @param visitor told each entry
	 * @throws IOException when the archive cannot be read or is cut short
	 */
	static void walk(InputStream in, Visitor visitor) throws IOException {
		TarArchiveInputStream archive = new TarArchiveInputStream(in);
		TarArchiveEntry entry;
		while ((entry = archive.getNextEntry()) != null) {
			visitor.visit(new Entry(normalize(entry.getName()), entry.isDirectory(), entry.getMode(),
					entry.getLongUserId(), entry.getLongGroupId(), entry.getSize(), entry.getLinkName()), archive);
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

}
