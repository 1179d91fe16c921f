package dev.uplift.project;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.project.ProjectService.ProjectChanges;
import dev.uplift.error.InvalidInput;
import dev.uplift.web.ApiTime;
import dev.uplift.web.ErrorAnswer;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Project details, list, create, update and delete in Mida's shapes (docs/mida-v2-api.md
 * §4.1).
 */
@RestController
@Validated
class ProjectController {

	private final ProjectService projects;

	ProjectController(ProjectService projects) {
		this.projects = projects;
	}

	@GetMapping("/v2/project/{project_key}")
	ProjectResponse get(ProjectContext context) {
		return new ProjectResponse(true, ProjectView.of(this.projects.get(context)));
	}

	@GetMapping("/v2/project/{project_key}/projects")
	ProjectListResponse list(ProjectContext context,
			@RequestParam(defaultValue = "100") @Min(value = 1, message = "limit must be between 1 and 500") @Max(
					value = 500, message = "limit must be between 1 and 500") int limit,
			@RequestParam(defaultValue = "0") @PositiveOrZero(message = "offset must not be negative") int offset,
			@RequestParam(name = "include_inactive", defaultValue = "false") boolean includeInactive) {
		List<ProjectView> page = this.projects.list(context, includeInactive, limit, offset)
			.stream()
			.map(ProjectView::of)
			.toList();
		return new ProjectListResponse(true, context.organizationId(), page.size(), page);
	}

	@PostMapping("/v2/project/{project_key}/projects")
	@ResponseStatus(HttpStatus.CREATED)
	ProjectResponse create(ProjectContext context, @RequestBody CreateProjectRequest request) {
		String name = (request.websiteName() != null) ? request.websiteName() : request.name();
		if (isBlank(name) && isBlank(request.allowedWebsite())) {
			throw new InvalidInput("Send at least one of 'website_name', 'name' or 'allowed_website'");
		}
		Project project = this.projects.create(context.organizationId(),
				isBlank(name) ? request.allowedWebsite() : name,
				isBlank(request.allowedWebsite()) ? "*" : request.allowedWebsite(), request.zone());
		return new ProjectResponse(true, ProjectView.of(project));
	}

	@PatchMapping("/v2/project/{project_key}")
	ProjectResponse update(ProjectContext context, @RequestBody UpdateProjectRequest request) {
		ProjectChanges changes = request.changes();
		if (changes.equals(new ProjectChanges(null, null, null, null, null))) {
			throw new InvalidInput("Send at least one of 'website_name', 'name', 'widget_name', "
					+ "'allowed_website', 'monthly_average_traffic' or 'consent_required'");
		}
		return new ProjectResponse(true, ProjectView.of(this.projects.update(context, changes)));
	}

	@Operation(summary = "Delete a project",
			description = "Soft delete: every route of the project answers 404 afterwards, its experiments are no "
					+ "longer served, its data stays in storage. The organization's last project cannot be deleted.")
	@DeleteMapping("/v2/project/{project_key}")
	@ErrorAnswer(status = 409, description = "The organization's last project")
	ProjectDeleted delete(ProjectContext context) {
		Project deleted = this.projects.delete(context);
		return new ProjectDeleted(true, deleted.projectKey(), Project.DELETED,
				"Project deleted (soft delete; data retained)");
	}

	/**
	 * A deleted project.
	 *
	 * @param success always true
	 * @param projectKey its key, which answers 404 from now on
	 * @param status always 2, deleted
	 * @param message Mida's message
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ProjectDeleted(boolean success, String projectKey, int status, String message) {
	}

	/**
	 * One project.
	 *
	 * @param success always true
	 * @param project the project
	 */
	record ProjectResponse(boolean success, ProjectView project) {
	}

	/**
	 * A page of the organization's projects.
	 *
	 * @param success always true
	 * @param companyId the organization
	 * @param count projects on this page
	 * @param projects the page
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ProjectListResponse(boolean success, long companyId, int count, List<ProjectView> projects) {
	}

	/**
	 * A project in Mida's shape.
	 *
	 * @param projectKey the key of the project's routes
	 * @param name the website name
	 * @param websiteName the website name
	 * @param widgetName the name the script's widget shows
	 * @param allowedWebsite the site the script may run on, {@code *} for any
	 * @param monthlyAverageTraffic the traffic the owner declared
	 * @param shopifyId always null: Uplift has no Shopify link
	 * @param status 1 active, 0 inactive
	 * @param companyId the organization
	 * @param timeZone the zone of the project's days
	 * @param consentRequired 1 when the script waits for consent
	 * @param createdAt creation time
	 * @param updatedAt last change
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ProjectView(String projectKey, String name, String websiteName, String widgetName, String allowedWebsite,
			long monthlyAverageTraffic, String shopifyId, int status, long companyId, String timeZone,
			int consentRequired, String createdAt, String updatedAt) {

		static ProjectView of(Project project) {
			return new ProjectView(project.projectKey(), project.websiteName(), project.websiteName(),
					project.widgetName(), project.allowedWebsite(), project.monthlyAverageTraffic(), null,
					project.status(), project.organizationId(), project.timeZone().getId(),
					project.consentRequired() ? 1 : 0, ApiTime.format(project.createdAt()),
					ApiTime.format(project.updatedAt()));
		}

	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	record CreateProjectRequest(@JsonProperty("website_name") String websiteName, String name,
			@JsonProperty("allowed_website") String allowedWebsite, @JsonProperty("time_zone") String timeZone) {

		CreateProjectRequest {
			if (websiteName != null && websiteName.length() > 200 || name != null && name.length() > 200) {
				throw new InvalidInput("'website_name' must have at most 200 characters");
			}
			if (allowedWebsite != null && allowedWebsite.length() > 1000) {
				throw new InvalidInput("'allowed_website' must have at most 1000 characters");
			}
		}

		ZoneId zone() {
			if (this.timeZone == null) {
				return ZoneId.of("UTC");
			}
			try {
				return ZoneId.of(this.timeZone);
			}
			catch (DateTimeException ex) {
				throw new InvalidInput("'time_zone' is not a time zone id: " + this.timeZone);
			}
		}

	}

	record UpdateProjectRequest(@JsonProperty("website_name") String websiteName, String name,
			@JsonProperty("widget_name") String widgetName, @JsonProperty("allowed_website") String allowedWebsite,
			@JsonProperty("widget_allowed_website") String widgetAllowedWebsite,
			@JsonProperty("monthly_average_traffic") Long monthlyAverageTraffic,
			@JsonProperty("consent_required") Number consentRequired) {

		UpdateProjectRequest {
			for (String value : new String[] { websiteName, name, widgetName }) {
				if (value != null && (value.isBlank() || value.length() > 200)) {
					throw new InvalidInput("Project names must have 1 to 200 characters");
				}
			}
			if (monthlyAverageTraffic != null && monthlyAverageTraffic < 0) {
				throw new InvalidInput("'monthly_average_traffic' must not be negative");
			}
			// Number, not Integer: Jackson would turn 1.5 into 1 on its way to an
			// Integer.
			if (consentRequired != null && !consentRequired.equals(0) && !consentRequired.equals(1)) {
				throw new InvalidInput("'consent_required' must be 0 (off) or 1 (on)");
			}
		}

		ProjectChanges changes() {
			return new ProjectChanges((this.websiteName != null) ? this.websiteName : this.name, this.widgetName,
					(this.allowedWebsite != null) ? this.allowedWebsite : this.widgetAllowedWebsite,
					this.monthlyAverageTraffic, (this.consentRequired != null) ? this.consentRequired.equals(1) : null);
		}

	}

}
