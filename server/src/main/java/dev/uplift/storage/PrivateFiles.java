package dev.uplift.storage;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data directory and the embedded database's files, readable by Uplift's own user
 * only (0700 and 0600): the database holds every project's events and the API keys'
 * hashes. On file systems without POSIX permissions the platform's defaults apply.
 */
final class PrivateFiles {

	private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private PrivateFiles() {
	}

	/**
	 * Creates the directory (and its parents) if missing; a directory this call creates
	 * is the owner's only.
	 */
	static void directory(Path directory) throws IOException {
		if (Files.isDirectory(directory)) {
			return;
		}
		if (POSIX) {
			Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
		}
		else {
			Files.createDirectories(directory);
		}
	}

	/**
	 * Creates an empty database file readable by the owner only. SQLite gives its -wal
	 * and -shm files the mode of the database file, so they follow.
	 */
	static void createFile(Path file) throws IOException {
		if (POSIX) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
		}
		else {
			Files.createFile(file);
		}
	}

	/**
	 * Takes group and other permissions away from an existing file, such as one an older
	 * version created.
	 */
	static void restrict(Path file) throws IOException {
		if (POSIX && Files.exists(file) && !Files.getPosixFilePermissions(file).equals(OWNER_FILE)) {
			Files.setPosixFilePermissions(file, OWNER_FILE);
		}
	}

}
