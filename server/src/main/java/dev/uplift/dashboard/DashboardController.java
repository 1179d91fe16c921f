package dev.uplift.dashboard;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's page ({@code GET /dashboard}): static HTML whose script talks only to
 * the public REST API with the key the user signs in with; its script and styles are
 * served from {@code /dashboard/} as static resources.
 */
@RestController
class DashboardController {

	private static final Resource PAGE = new ClassPathResource("static/dashboard/index.html");

	@GetMapping({ "/dashboard", "/dashboard/" })
	ResponseEntity<Resource> page() {
		return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).header("Cache-Control", "no-cache").body(PAGE);
	}

}
