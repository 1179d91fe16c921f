package dev.uplift.operations;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.servlet.http.HttpServletResponse;

import dev.uplift.project.ProjectContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A project's raw events as NDJSON in the import's format (docs/operations.md, export).
 */
@RestController
@Tag(name = "Operations")
class ExportController {

	static final String NDJSON = "application/x-ndjson";

	private final EventExport export;

	ExportController(EventExport export) {
		this.export = export;
	}

	@Operation(summary = "Export the project's events",
			description = "Every stored event of the project, oldest first, one JSON object a line in the format "
					+ "POST /import takes, with ts and event_id set; streamed.")
	@ApiResponse(responseCode = "200", description = "The events, one a line", content = @Content(mediaType = NDJSON))
	@GetMapping("/v2/project/{project_key}/export")
	void export(ProjectContext project, HttpServletResponse response) throws IOException {
		response.setContentType(NDJSON);
		response.setCharacterEncoding("UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				"attachment; filename=\"uplift-" + project.projectKey() + "-events.ndjson\"");
		try (OutputStream out = response.getOutputStream()) {
			this.export.write(project, out);
		}
	}

}
