package dev.uplift.project;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.web.ApiTime;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mida's read-only account routes (docs/mida-v2-api.md §4.3). Uplift has no user
 * accounts: an organization is its API keys, each of which can read and change
 * everything, so the members are the active keys and every caller is an editor
 * (docs/api-compatibility.md).
 */
@RestController
class AccountController {

	static final int ADMIN = 1;

	private static final String NOTE = "Uplift has no user accounts: every API key of the organization can read "
			+ "and change everything, and its members are its API keys";

	private final ApiKeyService keys;

	AccountController(ApiKeyService keys) {
		this.keys = keys;
	}

	@GetMapping("/v2/project/{project_key}/account/members")
	MemberList members(ProjectContext context, HttpServletRequest request) {
		long caller = ProjectAuthentication.keyId(request);
		List<Member> members = this.keys.list(context.organizationId())
			.stream()
			.map((key) -> new Member(key.name(), null, ADMIN, "Admin", true, "active", "direct",
					ApiTime.format(key.lastUsedAt()), key.id() == caller))
			.toList();
		return new MemberList(true, members.size(), members, NOTE);
	}

	@GetMapping("/v2/project/{project_key}/account/my-access")
	MyAccess myAccess(ProjectContext context) {
		return new MyAccess(true, "project API key", null, null, true, NOTE);
	}

	/**
	 * List Team Members.
	 *
	 * @param success always true
	 * @param count members
	 * @param members the organization's active API keys
	 * @param note what members are in Uplift
	 */
	record MemberList(boolean success, int count, List<Member> members, String note) {
	}

	/**
	 * A member: an API key.
	 *
	 * @param name the key's name
	 * @param email always null: keys have none
	 * @param role always 1, Admin: every key can do everything
	 * @param roleLabel always Admin
	 * @param canEdit always true
	 * @param status always active: revoked keys are not members
	 * @param membership always direct
	 * @param lastLoginAt the key's last authenticated request, or null
	 * @param isYou whether it is the key of this request
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record Member(String name, String email, int role, String roleLabel, boolean canEdit, String status,
			String membership, String lastLoginAt, boolean isYou) {
	}

	/**
	 * Get My Access for an API key.
	 *
	 * @param success always true
	 * @param authenticatedAs always "project API key"
	 * @param role always null: keys have no team role
	 * @param roleLabel always null
	 * @param canEdit always true
	 * @param note what access means in Uplift
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record MyAccess(boolean success, String authenticatedAs, Integer role, String roleLabel, boolean canEdit,
			String note) {
	}

}
