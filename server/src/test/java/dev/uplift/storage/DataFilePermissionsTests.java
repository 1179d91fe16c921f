package dev.uplift.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The embedded database holds every project's events and the keys' hashes: no other user
 * may read it.
 */
class DataFilePermissionsTests extends IntegrationTest {

	@Autowired
	private StorageProperties storage;

	@Test
	void databaseAndItsLogFilesAreCreatedReadableByTheOwnerOnly() throws IOException {
		assumeThat(this.storage.embedded()).as("the embedded database only").isTrue();
		assertThat(this.api.post(project("/api-keys"), "{\"name\": \"write something\"}").status()).isEqualTo(201);
		for (String suffix : new String[] { "", "-wal", "-shm" }) {
			Path file = this.storage.dataDir().resolve(StorageConfiguration.DATABASE_FILE + suffix);
			assertThat(file).exists();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
				.isEqualTo("rw-------");
		}
	}

	@Test
	void restrictTakesAwayOtherUsersPermissionsOfAnOlderFile(@TempDir Path directory) throws IOException {
		Path old = Files.createFile(directory.resolve("uplift.db"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
		PrivateFiles.restrict(old);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old))).isEqualTo("rw-------");
	}

	@Test
	void directoryCreatesTheDataDirectoryForTheOwnerOnly(@TempDir Path parent) throws IOException {
		Path data = parent.resolve("data");
		PrivateFiles.directory(data);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
	}

}
