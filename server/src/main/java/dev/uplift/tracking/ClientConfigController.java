package dev.uplift.tracking;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import jakarta.servlet.http.HttpServletRequest;

import dev.uplift.project.ProjectContext;
import dev.uplift.project.ProjectService;
import dev.uplift.error.NotFound;
import dev.uplift.web.PathId;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public, read-only configuration of the browser script (client-config.md),
 * revalidated by ETag.
 */
@RestController
class ClientConfigController {

	private final ProjectService projects;

	private final ClientConfigs configs;

	private final TrackingProperties properties;

	ClientConfigController(ProjectService projects, ClientConfigs configs, TrackingProperties properties) {
		this.projects = projects;
		this.configs = configs;
		this.properties = properties;
	}

	@GetMapping("/v2/project/{project_key}/client-config")
	@ApiResponse(responseCode = "200", description = "The configuration; 304 when If-None-Match names it",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ClientConfig.Body.class)))
	ResponseEntity<byte[]> clientConfig(@PathVariable("project_key") String projectKey,
			@RequestParam(name = "preview", required = false) String preview,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			HttpServletRequest request) {
		Long previewId = (preview != null) ? PathId.parse("preview", preview) : null;
		ProjectContext project = this.projects.findPublic(projectKey)
			.orElseThrow(() -> new NotFound("Project", projectKey));
		ClientConfig config = (previewId != null) ? this.configs.withPreview(project, previewId)
				: this.configs.current(project, country(request));
		// Browsers and proxies may keep the answer but must revalidate, so a stopped
		// experiment stops at once.
		if (config.matches(ifNoneMatch)) {
			return vary(ResponseEntity.status(HttpStatus.NOT_MODIFIED)).eTag(config.etag())
				.cacheControl(CacheControl.noCache())
				.build();
		}
		return vary(ResponseEntity.ok()).contentType(MediaType.APPLICATION_JSON)
			.eTag(config.etag())
			.cacheControl(CacheControl.noCache())
			.body(config.body());
	}

	// The body names the country when an experiment targets countries
	// (docs/decisions.md), so shared caches between the trusted proxy and Uplift
	// must keep one copy per country.
	private ResponseEntity.BodyBuilder vary(ResponseEntity.BodyBuilder response) {
		String header = this.properties.countryHeader();
		return header.isBlank() ? response : response.varyBy(header);
	}

	private String country(HttpServletRequest request) {
		return VisitorLocation.of(request, this.properties).country();
	}

}
