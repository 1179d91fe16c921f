package dev.uplift.operations;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.uplift.storage.DatabaseBackups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An online backup of the embedded database, for the operator (docs/operations.md,
 * backups): a consistent copy made while Uplift runs, sent as the answer.
 */
@RestController
@Tag(name = "Operations")
class BackupController {

	static final String MEDIA_TYPE = "application/vnd.sqlite3";

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final OperatorAccess access;

	private final DatabaseBackups backups;

	private final Clock clock;

	BackupController(OperatorAccess access, DatabaseBackups backups, Clock clock) {
		this.access = access;
		this.backups = backups;
		this.clock = clock;
	}

	@Operation(summary = "Back up the embedded database",
			description = "A consistent copy of the SQLite database as of the request, made while ingestion goes on; "
					+ "restore it as docs/operations.md says. On PostgreSQL: 409, use pg_dump.")
	@ApiResponse(responseCode = "200", description = "The database file", content = @Content(mediaType = MEDIA_TYPE))
	@ApiResponse(responseCode = "409", description = "Uplift stores its data in PostgreSQL: use pg_dump")
	@SecurityRequirement(name = "bearer")
	@SecurityRequirement(name = "x-api-key")
	@SecurityRequirement(name = "api-key")
	@PostMapping("/operations/backup")
	void backup(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.access.require(request);
		Path file = this.backups.newFile();
		try {
			this.backups.copyInto(file);
			response.setContentType(MEDIA_TYPE);
			response.setContentLengthLong(Files.size(file));
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"uplift-" + STAMP.format(this.clock.instant()) + ".db\"");
			try (OutputStream out = response.getOutputStream()) {
				Files.copy(file, out);
			}
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

}
