package dev.uplift.tracking;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import dev.uplift.project.ProjectContext;
import dev.uplift.web.ErrorAnswer;
import dev.uplift.tracking.ImportSession.LineError;
import dev.uplift.error.InvalidInput;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Authenticated bulk import of NDJSON events with their own timestamps (docs/api.md §4).
 */
@RestController
class ImportController {

	private final ImportSession.Factory sessions;

	ImportController(ImportSession.Factory sessions) {
		this.sessions = sessions;
	}

	@PostMapping("/v2/project/{project_key}/import")
	@ErrorAnswer(status = 409,
			description = "storage_quota_bytes: a chunk would take the project past its storage quota; the "
					+ "message says how many events of the import were committed before")
	ImportAnswer importEvents(ProjectContext project, HttpServletRequest request) {
		ImportSession session = this.sessions.open(project);
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				session.add(line);
			}
		}
		catch (IOException ex) {
			throw new InvalidInput("Could not read the request body: " + ex.getMessage());
		}
		ImportSession.Summary summary = session.finish();
		return new ImportAnswer(true, summary.lines(), summary.accepted(), summary.rejected(), summary.errors());
	}

	/**
	 * What an import stored, after commit.
	 *
	 * @param success always true
	 * @param lines lines read
	 * @param accepted events stored
	 * @param rejected lines refused
	 * @param errors the first refused lines (1-based) and why
	 */
	record ImportAnswer(boolean success, long lines, long accepted, long rejected, List<LineError> errors) {
	}

}
