package dev.uplift.project;

import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient;
import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import dev.uplift.support.Organizations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delete Project: a soft delete after which the project answers 404 everywhere, and never
 * of an organization's last project.
 */
class ProjectDeletionTests extends IntegrationTest {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void aDeletedProjectAnswers404EverywhereAndKeepsItsData() {
		Response created = this.api.post(project("/projects"), Map.of("website_name", "Doomed"));
		String key = created.json().at("/project/project_key").asString();
		String base = "/v2/project/" + key;
		long testId = Experiments.create(this.api, base, "Doomed test", "doomed_goal", 1);
		assertThat(this.anonymous.get(base + "/client-config").json().get("experiments").size()).isEqualTo(1);

		Response deleted = this.api.delete(base);
		assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
		assertThat(deleted.json().get("status").asInt()).isEqualTo(2);
		assertThat(deleted.json().get("project_key").asString()).isEqualTo(key);

		for (String path : List.of(base, base + "/experiments", base + "/experiment/" + testId, base + "/goals")) {
			assertThat(this.api.get(path).status()).as(path).isEqualTo(404);
		}
		assertThat(this.anonymous.get(base + "/client-config").status()).as("no longer served").isEqualTo(404);
		assertThat(this.anonymous.post(base + "/collect", Map.of("events", List.of())).status()).isEqualTo(404);
		assertThat(this.api.delete(base).status()).as("deleting again").isEqualTo(404);
		assertThat(this.api.get(project("/projects?include_inactive=true")).body()).doesNotContain(key);
		assertThat(
				this.jdbc.sql("SELECT COUNT(*) FROM experiments WHERE id = ?").param(testId).query(Long.class).single())
			.as("data kept")
			.isEqualTo(1);
	}

	@Test
	void theOrganizationsLastProjectIsNotDeleted() {
		String projectKey = "LastProjectKey00000001";
		String apiKey = "last-project-key-0123456789abcdefghijklmnop";
		long organization = Organizations.insertWithProject(this.jdbc, "Last", projectKey);
		Organizations.insertKey(this.jdbc, organization, apiKey);
		ApiClient tenant = this.api.withKey(apiKey);

		Response refused = tenant.delete("/v2/project/" + projectKey);
		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat(refused.json().get("error").asString()).contains("last project");
		assertThat(tenant.get("/v2/project/" + projectKey).status()).isEqualTo(200);

		String second = tenant.post("/v2/project/" + projectKey + "/projects", Map.of("website_name", "Second"))
			.json()
			.at("/project/project_key")
			.asString();
		assertThat(tenant.delete("/v2/project/" + projectKey).status()).isEqualTo(200);
		assertThat(tenant.delete("/v2/project/" + second).status()).as("now the last one").isEqualTo(409);
		assertThat(this.api.delete("/v2/project/" + second).status()).as("another organization's key").isIn(401, 404);
	}

}
