package dev.uplift.experiment;

import dev.uplift.error.NotOffered;
import dev.uplift.project.ProjectContext;
import dev.uplift.web.ErrorAnswer;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mida's Personalization routes (docs/mida-v2-api.md §4.4), a product of its own that
 * Uplift does not offer: 501 with what to use instead, rather than a 404 that reads like
 * a typo (docs/api-compatibility.md).
 */
@RestController
class PersonalizationController {

	private static final String PATH = "/v2/project/{project_key}/personalization";

	@RequestMapping(method = { RequestMethod.GET, RequestMethod.POST },
			path = { PATH + "/campaigns", PATH + "/campaigns/{campaign_id}", PATH + "/campaigns/{campaign_id}/accounts",
					PATH + "/suggested-pages", PATH + "/saved-accounts" })
	@ResponseStatus(HttpStatus.NOT_IMPLEMENTED)
	@ErrorAnswer(status = 501, description = "Always: Uplift offers no personalization campaigns")
	void personalization(ProjectContext project) {
		throw new NotOffered("Uplift does not offer Mida's personalization campaigns; run an A/B test whose "
				+ "'targeting' picks the audience instead (docs/api-compatibility.md)");
	}

}
