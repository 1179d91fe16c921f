package dev.uplift.project;

import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;
import dev.uplift.support.Organizations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationTests extends IntegrationTest {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void projectWhenKeyInAnyOfTheThreeHeadersReturns200() {
		for (String header : new String[] { "x-api-key", "api-key" }) {
			Response response = this.anonymous.sendWithHeaders("GET", project(""), Map.of(header, API_KEY), null);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.json().at("/project/project_key").asString()).isEqualTo(PROJECT_KEY);
		}
		assertThat(this.api.get(project("")).status()).isEqualTo(200);
	}

	@Test
	void projectWhenKeyMissingReturns401WithErrorBody() {
		Response response = this.anonymous.get(project(""));
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("success").asBoolean()).isFalse();
		assertThat(response.json().get("error").asString()).contains("Missing API key");
	}

	@Test
	void projectWhenKeyUnknownReturns401() {
		assertThat(this.api.withKey("not-a-key-of-anyone-at-all-0123456789").get(project("")).status()).isEqualTo(401);
	}

	@Test
	void projectWhenProjectKeyUnknownReturns404() {
		Response response = this.api.get("/v2/project/AAAAAAAAAAAAAAAAAAAAAA/projects");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("error").asString()).isEqualTo("Project not found");
	}

	@Test
	void projectOfAnotherOrganizationReturns401LikeAnUnknownKey() {
		Organizations.insertWithProject(this.jdbc, "Other", "OtherOrgProject0000001");
		Response response = this.api.get("/v2/project/OtherOrgProject0000001");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("error").asString()).isEqualTo("Invalid API key");
	}

	@Test
	void siblingProjectOfTheSameOrganizationReturns200() {
		Response created = this.api.post(project("/projects"), Map.of("name", "Sibling"));
		assertThat(created.status()).isEqualTo(201);
		String sibling = created.json().at("/project/project_key").asString();
		// Same organization: the key works for the sibling project.
		assertThat(this.api.get("/v2/project/" + sibling).status()).isEqualTo(200);
	}

	@Test
	void revokedKeyReturns401OnNextRequest() {
		Response created = this.api.post(project("/api-keys"), Map.of("name", "ci"));
		assertThat(created.status()).isEqualTo(201);
		String key = created.json().get("key").asString();
		long id = created.json().get("id").asLong();
		assertThat(this.api.withKey(key).get(project("")).status()).isEqualTo(200);
		Response listed = this.api.get(project("/api-keys"));
		assertThat(listed.body()).contains(key.substring(0, 8)).doesNotContain(key);
		assertThat(this.api.delete(project("/api-keys/" + id)).status()).isEqualTo(200);
		assertThat(this.api.withKey(key).get(project("")).status()).isEqualTo(401);
	}

	@Test
	void createKeyWithoutNameReturns400() {
		Response response = this.api.post(project("/api-keys"), Map.of());
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("'name' is required");
	}

}
