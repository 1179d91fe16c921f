package dev.uplift.tracking;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import dev.uplift.project.ProjectContext;
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
	Map<String, Object> importEvents(ProjectContext project, HttpServletRequest request) {
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
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("success", true);
		body.put("lines", summary.lines());
		body.put("accepted", summary.accepted());
		body.put("rejected", summary.rejected());
		body.put("errors", summary.errors());
		return body;
	}

}
