package dev.uplift.operations;

import jakarta.servlet.http.HttpServletRequest;

import dev.uplift.error.Unauthorized;
import dev.uplift.project.ProjectService;
import dev.uplift.web.ApiKeys;

import org.springframework.stereotype.Component;

/**
 * Installation-wide operations (backups) are for the operator: an API key of the
 * organization the first start created, sent as on every other authenticated route.
 */
@Component
class OperatorAccess {

	private final ProjectService projects;

	OperatorAccess(ProjectService projects) {
		this.projects = projects;
	}

	/** Passes when the request carries an operator's key; else 401. */
	void require(HttpServletRequest request) {
		if (!this.projects.isOperatorKey(ApiKeys.of(request))) {
			throw new Unauthorized("This route needs an API key of the operator's organization (the one the first "
					+ "start created): send 'Authorization: Bearer <key>', 'x-api-key' or 'api-key'");
		}
	}

}
