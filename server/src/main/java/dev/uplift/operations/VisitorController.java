package dev.uplift.operations;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.uplift.error.InvalidInput;
import dev.uplift.project.ProjectContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Deletes one visitor's data (docs/operations.md, deleting a visitor). */
@RestController
@Tag(name = "Operations")
class VisitorController {

	private final VisitorDeletion deletion;

	VisitorController(VisitorDeletion deletion) {
		this.deletion = deletion;
	}

	@Operation(summary = "Delete a visitor's data",
			description = "Removes the visitor's entries, conversions and logged events from every experiment of the "
					+ "project and takes them out of the results, which stay exact. Events the visitor sends later "
					+ "are recorded anew.")
	@PostMapping("/v2/project/{project_key}/delete-visitor")
	VisitorDeleted deleteVisitor(ProjectContext project, @RequestBody DeleteVisitorRequest request) {
		if (request == null || request.visitorId() == null) {
			throw new InvalidInput("visitor_id", "visitor_id is required");
		}
		VisitorDeletion.Deleted deleted = this.deletion.delete(project, request.visitorId());
		return new VisitorDeleted(true, request.visitorId(), deleted.experiments(), deleted.conversions(),
				deleted.events());
	}

	/**
	 * Which visitor to delete.
	 *
	 * @param visitorId the visitor's id as the events carried it
	 */
	record DeleteVisitorRequest(@JsonProperty("visitor_id") String visitorId) {
	}

	/**
	 * What was deleted.
	 *
	 * @param success always true
	 * @param visitorId the visitor
	 * @param experiments experiments the visitor had entered
	 * @param conversions conversions removed, one per experiment and goal
	 * @param events events removed from the log
	 */
	record VisitorDeleted(boolean success, @JsonProperty("visitor_id") String visitorId, int experiments,
			int conversions, int events) {
	}

}
