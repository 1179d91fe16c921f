package dev.uplift.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import dev.uplift.error.StateConflict;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Consistent copies of the embedded database while Uplift runs (docs/operations.md,
 * backups): {@code VACUUM INTO} on a connection of the read pool reads one snapshot, as
 * any read does in WAL mode, so the writer goes on meanwhile and the copy holds exactly
 * the transactions committed when it began.
 */
@Component
public class DatabaseBackups {

	private final StorageProperties properties;

	private final DataSource readPool;

	DatabaseBackups(StorageProperties properties, @Qualifier("readPool") DataSource readPool) {
		this.properties = properties;
		this.readPool = readPool;
	}

	/**
	 * A new, empty file in the data directory for a backup, readable by its owner only.
	 * @throws StateConflict on PostgreSQL, whose backups pg_dump makes
	 */
	public Path newFile() {
		if (!this.properties.embedded()) {
			throw new StateConflict("postgresql", "Uplift stores its data in PostgreSQL here: back it up with "
					+ "pg_dump (docs/operations.md); this route copies the embedded SQLite database only");
		}
		try {
			Path file = Files.createTempFile(this.properties.dataDir(), "backup-", ".db");
			PrivateFiles.restrict(file);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a backup file in " + this.properties.dataDir(), ex);
		}
	}

	/**
	 * Copies the database into {@code file} (empty, from {@link #newFile}) and checks the
	 * copy's structure.
	 */
	public void copyInto(Path file) {
		try (Connection connection = this.readPool.getConnection();
				Statement statement = connection.createStatement()) {
			// VACUUM cannot run inside a transaction.
			connection.setAutoCommit(true);
			statement.execute("VACUUM INTO '" + file.toAbsolutePath().toString().replace("'", "''") + "'");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Backup into " + file + " failed", ex);
		}
		String check = quickCheck(file);
		if (!check.equals("ok")) {
			throw new IllegalStateException("The backup " + file + " failed its check: " + check);
		}
	}

	private static String quickCheck(Path file) {
		try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
				Statement statement = copy.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA quick_check")) {
			result.next();
			return result.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot open the backup " + file, ex);
		}
	}

}
