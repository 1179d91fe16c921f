package dev.uplift.project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.uplift.project.ApiKeyService.CreatedKey;
import dev.uplift.project.JdbcApiKeyRepository.ApiKeyRow;
import dev.uplift.error.InvalidInput;
import dev.uplift.error.Unauthorized;
import dev.uplift.web.ApiTime;
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
	Map<String, Object> create(ProjectContext context, @RequestBody CreateKeyRequest request) {
		CreatedKey created = this.keys.create(context.organizationId(), request.name().strip(), null);
		return Map.of("success", true, "id", created.id(), "name", created.name(), "key", created.key(), "prefix",
				created.key().substring(0, 8));
	}

	@GetMapping("/v2/project/{project_key}/api-keys")
	Map<String, Object> list(ProjectContext context) {
		List<Map<String, Object>> keys = this.keys.list(context.organizationId())
			.stream()
			.map(ApiKeyController::view)
			.toList();
		return Map.of("success", true, "count", keys.size(), "api_keys", keys);
	}

	@DeleteMapping("/v2/project/{project_key}/api-keys/{id}")
	Map<String, Object> revoke(ProjectContext context, @PathVariable("id") String keyId,
			@RequestParam(name = "confirm", defaultValue = "false") String confirm, HttpServletRequest request) {
		long id = PathId.parse("id", keyId);
		long callerKeyId = this.keys.find(ProjectAuthentication.apiKey(request).strip())
			.orElseThrow(() -> new Unauthorized("Invalid API key"))
			.id();
		this.keys.revoke(context.organizationId(), id, callerKeyId, confirmed(confirm));
		return Map.of("success", true, "id", id, "revoked", true);
	}

	private static boolean confirmed(String confirm) {
		return switch (confirm) {
			case "true", "1" -> true;
			case "false", "0" -> false;
			default -> throw new InvalidInput("'confirm' must be true or false");
		};
	}

	private static Map<String, Object> view(ApiKeyRow row) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", row.id());
		view.put("name", row.name());
		view.put("prefix", row.prefix());
		view.put("created_at", ApiTime.format(row.createdAt()));
		view.put("last_used_at", ApiTime.format(row.lastUsedAt()));
		return view;
	}

	record CreateKeyRequest(String name) {

		CreateKeyRequest {
			if (name == null || name.isBlank() || name.length() > 200) {
				throw new InvalidInput("'name' is required and must have at most 200 characters");
			}
		}

	}

}
