package dev.uplift.project;

import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.project.ApiKeyService.CreatedKey;
import dev.uplift.project.JdbcApiKeyRepository.ApiKeyRow;
import dev.uplift.error.InvalidInput;
import dev.uplift.web.ApiTime;
import dev.uplift.web.ErrorAnswer;
import dev.uplift.web.PathId;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API keys of the organization that owns the project (docs/api.md §1). */
@RestController
class ApiKeyController {

	private final ApiKeyService keys;

	ApiKeyController(ApiKeyService keys) {
		this.keys = keys;
	}

	@PostMapping("/v2/project/{project_key}/api-keys")
	@ResponseStatus(HttpStatus.CREATED)
	CreatedKeyResponse create(ProjectContext context, @RequestBody CreateKeyRequest request) {
		CreatedKey created = this.keys.create(context.organizationId(), request.name().strip(), null);
		return new CreatedKeyResponse(true, created.id(), created.name(), created.key(), created.key().substring(0, 8));
	}

	@GetMapping("/v2/project/{project_key}/api-keys")
	KeyListResponse list(ProjectContext context) {
		List<KeyView> keys = this.keys.list(context.organizationId()).stream().map(KeyView::of).toList();
		return new KeyListResponse(true, keys.size(), keys);
	}

	@DeleteMapping("/v2/project/{project_key}/api-keys/{id}")
	@ErrorAnswer(status = 409,
			description = "The key is the organization's last one, or the caller's own without confirm=true")
	RevokedKeyResponse revoke(ProjectContext context, @PathVariable("id") String keyId,
			@RequestParam(name = "confirm", defaultValue = "false") String confirm, HttpServletRequest request) {
		long id = PathId.parse("id", keyId);
		long callerKeyId = ProjectAuthentication.keyId(request);
		this.keys.revoke(context.organizationId(), id, callerKeyId, confirmed(confirm));
		return new RevokedKeyResponse(true, id, true);
	}

	private static boolean confirmed(String confirm) {
		return switch (confirm) {
			case "true", "1" -> true;
			case "false", "0" -> false;
			default -> throw new InvalidInput("'confirm' must be true or false");
		};
	}

	/**
	 * A key just created: the only answer that shows the key itself.
	 *
	 * @param success always true
	 * @param id the key's id
	 * @param name its name
	 * @param key the secret, shown once
	 * @param prefix its first 8 characters, which lists show
	 */
	record CreatedKeyResponse(boolean success, long id, String name, String key, String prefix) {
	}

	/**
	 * The organization's keys.
	 *
	 * @param success always true
	 * @param count number of keys
	 * @param apiKeys the keys, without their secrets
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record KeyListResponse(boolean success, int count, List<KeyView> apiKeys) {
	}

	/**
	 * A key as lists show it.
	 *
	 * @param id its id
	 * @param name its name
	 * @param prefix its first 8 characters
	 * @param createdAt creation time
	 * @param lastUsedAt last authenticated request, or null
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record KeyView(long id, String name, String prefix, String createdAt, String lastUsedAt) {

		static KeyView of(ApiKeyRow row) {
			return new KeyView(row.id(), row.name(), row.prefix(), ApiTime.format(row.createdAt()),
					ApiTime.format(row.lastUsedAt()));
		}

	}

	/**
	 * A revoked key.
	 *
	 * @param success always true
	 * @param id the key's id
	 * @param revoked always true
	 */
	record RevokedKeyResponse(boolean success, long id, boolean revoked) {
	}

	record CreateKeyRequest(String name) {

		CreateKeyRequest {
			if (name == null || name.isBlank() || name.length() > 200) {
				throw new InvalidInput("'name' is required and must have at most 200 characters");
			}
		}

	}

}
