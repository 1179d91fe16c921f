package dev.uplift.project;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import dev.uplift.project.ProjectService.ProjectChanges;
import dev.uplift.error.InvalidInput;
import dev.uplift.web.ApiTime;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Project details, list, create and update in Mida's shapes (docs/mida-v2-api.md §4.1).
 */
@RestController
@Validated
class ProjectController {

	private final ProjectService projects;

	ProjectController(ProjectService projects) {
		this.projects = projects;
	}

	@GetMapping("/v2/project/{project_key}")
	Map<String, Object> get(ProjectContext context) {
		return Map.of("success", true, "project", view(this.projects.get(context)));
	}

	@GetMapping("/v2/project/{project_key}/projects")
	Map<String, Object> list(ProjectContext context,
			@RequestParam(defaultValue = "100") @Min(value = 1, message = "limit must be between 1 and 500") @Max(
					value = 500, message = "limit must be between 1 and 500") int limit,
			@RequestParam(defaultValue = "0") @PositiveOrZero(message = "offset must not be negative") int offset,
			@RequestParam(name = "include_inactive", defaultValue = "false") boolean includeInactive) {
		List<Map<String, Object>> page = this.projects.list(context, includeInactive, limit, offset)
			.stream()
			.map(ProjectController::view)
			.toList();
		return Map.of("success", true, "company_id", context.organizationId(), "count", page.size(), "projects", page);
	}

	@PostMapping("/v2/project/{project_key}/projects")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> create(ProjectContext context, @RequestBody CreateProjectRequest request) {
		String name = (request.websiteName() != null) ? request.websiteName() : request.name();
		if (isBlank(name) && isBlank(request.allowedWebsite())) {
			throw new InvalidInput("Send at least one of 'website_name', 'name' or 'allowed_website'");
		}
		Project project = this.projects.create(context.organizationId(),
				isBlank(name) ? request.allowedWebsite() : name,
				isBlank(request.allowedWebsite()) ? "*" : request.allowedWebsite(), request.zone());
		return Map.of("success", true, "project", view(project));
	}

	@PatchMapping("/v2/project/{project_key}")
	Map<String, Object> update(ProjectContext context, @RequestBody UpdateProjectRequest request) {
		ProjectChanges changes = request.changes();
		if (changes.equals(new ProjectChanges(null, null, null, null, null))) {
			throw new InvalidInput("Send at least one of 'website_name', 'name', 'widget_name', "
					+ "'allowed_website', 'monthly_average_traffic' or 'consent_required'");
		}
		return Map.of("success", true, "project", view(this.projects.update(context, changes)));
	}

	static Map<String, Object> view(Project project) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("project_key", project.projectKey());
		view.put("name", project.websiteName());
		view.put("website_name", project.websiteName());
		view.put("widget_name", project.widgetName());
		view.put("allowed_website", project.allowedWebsite());
		view.put("monthly_average_traffic", project.monthlyAverageTraffic());
		view.put("shopify_id", null);
		view.put("status", project.status());
		view.put("company_id", project.organizationId());
		view.put("time_zone", project.timeZone().getId());
		view.put("consent_required", project.consentRequired() ? 1 : 0);
		view.put("created_at", ApiTime.format(project.createdAt()));
		view.put("updated_at", ApiTime.format(project.updatedAt()));
		return view;
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
