package dev.uplift.project;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.uplift.support.ApiClient;
import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Mida's account routes, answered from the organization's API keys. */
class AccountTests extends IntegrationTest {

	@Test
	void membersAreTheActiveKeysAndTheCallerIsMarked() {
		String name = "member-" + System.nanoTime();
		Response created = this.api.post(project("/api-keys"), Map.of("name", name));
		ApiClient member = this.api.withKey(created.json().get("key").asString());
		Response members = member.get(project("/account/members"));
		assertThat(members.status()).as(members.body()).isEqualTo(200);
		assertThat(members.json().get("count").asInt()).isEqualTo(members.json().get("members").size());
		JsonNode self = null;
		for (JsonNode candidate : members.json().get("members")) {
			assertThat(candidate.get("role_label").asString()).isEqualTo("Admin");
			if (candidate.get("is_you").asBoolean()) {
				assertThat(self).as("one member is the caller").isNull();
				self = candidate;
			}
		}
		assertThat(self).isNotNull();
		assertThat(self.get("name").asString()).isEqualTo(name);
		this.api.delete(project("/api-keys/" + created.json().get("id").asLong()));
		for (JsonNode candidate : this.api.get(project("/account/members")).json().get("members")) {
			assertThat(candidate.get("name").asString()).as("a revoked key is no member").isNotEqualTo(name);
		}
	}

	@Test
	void myAccessOfAKeyCanEditWithoutATeamRole() {
		JsonNode access = this.api.get(project("/account/my-access")).json();
		assertThat(access.get("authenticated_as").asString()).isEqualTo("project API key");
		assertThat(access.get("role").isNull()).isTrue();
		assertThat(access.get("can_edit").asBoolean()).isTrue();
		assertThat(this.anonymous.get(project("/account/my-access")).status()).isEqualTo(401);
	}

	@Test
	void personalizationRoutesSayTheyAreNotOffered() {
		for (String route : new String[] { "/personalization/campaigns", "/personalization/campaigns/7",
				"/personalization/suggested-pages", "/personalization/saved-accounts" }) {
			Response response = this.api.get(project(route));
			assertThat(response.status()).as(route).isEqualTo(501);
			assertThat(response.json().get("error").asString()).contains("personalization");
		}
		assertThat(this.api.post(project("/personalization/campaigns"), Map.of("name", "x")).status()).isEqualTo(501);
		assertThat(this.anonymous.get(project("/personalization/campaigns")).status()).isEqualTo(401);
	}

}
