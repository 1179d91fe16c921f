package dev.uplift.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient;
import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The traps of key management: no organization loses its last key, no key revokes itself
 * by accident.
 */
class ApiKeyRevocationTests extends IntegrationTest {

	@Test
	void revokeWhenKeyIsTheOrganizationsLastReturns409AndKeepsIt() {
		long bootstrap = keyIdOf(API_KEY);
		for (long id : activeKeyIds()) {
			if (id != bootstrap) {
				assertThat(this.api.delete(project("/api-keys/" + id)).status()).isEqualTo(200);
			}
		}
		Response response = this.api.delete(project("/api-keys/" + bootstrap + "?confirm=true"));
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.json().get("error").asString()).contains("last active key")
			.contains("create another key first");
		assertThat(this.api.get(project("/api-keys")).status()).isEqualTo(200);
	}

	@Test
	void revokeOfTheRequestsOwnKeyWithoutConfirmationReturns409() {
		String second = this.api.post(project("/api-keys"), Map.of("name", "laptop")).json().get("key").asString();
		ApiClient laptop = this.api.withKey(second);
		long id = keyIdOf(second);

		Response refused = laptop.delete(project("/api-keys/" + id));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("error").asString()).contains("key of this request").contains("confirm=true");
		assertThat(activeKeyIds()).contains(id);

		assertThat(laptop.delete(project("/api-keys/" + id + "?confirm=true")).status()).isEqualTo(200);
		assertThat(laptop.get(project("/api-keys")).status()).isEqualTo(401);
	}

	@Test
	void revokeOfAnotherKeyNeedsNoConfirmation() {
		long id = this.api.post(project("/api-keys"), Map.of("name", "ci")).json().get("id").asLong();
		assertThat(this.api.delete(project("/api-keys/" + id)).status()).isEqualTo(200);
		assertThat(activeKeyIds()).doesNotContain(id);
	}

	@Test
	void revokeWhenConfirmIsNotABooleanReturns400() {
		long id = this.api.post(project("/api-keys"), Map.of("name", "odd")).json().get("id").asLong();
		Response response = this.api.delete(project("/api-keys/" + id + "?confirm=yes%20please"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("'confirm' must be true or false");
	}

	@Test
	void revokeOfUnknownKeyReturns404() {
		assertThat(this.api.delete(project("/api-keys/999999")).status()).isEqualTo(404);
	}

	private long keyIdOf(String key) {
		String prefix = key.substring(0, 8);
		List<Long> ids = new ArrayList<>();
		this.api.get(project("/api-keys")).json().get("api_keys").forEach((row) -> {
			if (row.get("prefix").asString().equals(prefix)) {
				ids.add(row.get("id").asLong());
			}
		});
		assertThat(ids).hasSize(1);
		return ids.get(0);
	}

	private List<Long> activeKeyIds() {
		List<Long> ids = new ArrayList<>();
		this.api.get(project("/api-keys")).json().get("api_keys").forEach((row) -> ids.add(row.get("id").asLong()));
		return ids;
	}

}
