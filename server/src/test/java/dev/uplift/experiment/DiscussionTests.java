package dev.uplift.experiment;

import java.util.Map;

import dev.uplift.support.ApiClient;
import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An experiment's discussion: comments with their source, authored by the API key that
 * posted them.
 */
class DiscussionTests extends IntegrationTest {

	@Test
	void commentsKeepTheirSourceAndAuthorKey() {
		long testId = Experiments.create(this.api, project(""), "Discussed", "discussed_" + System.nanoTime(), 9);
		String path = project("/experiment/" + testId + "/discussion");
		String name = "reviewer-" + System.nanoTime();
		ApiClient reviewer = this.api
			.withKey(this.api.post(project("/api-keys"), Map.of("name", name)).json().get("key").asString());

		Response added = reviewer.post(path, Map.of("comment", "Variant 1 wins on mobile", "source", "agent"));
		assertThat(added.status()).as(added.body()).isEqualTo(200);
		long commentId = added.json().get("comment_id").asLong();
		assertThat(this.api.post(path, Map.of("comment", "Agreed")).json().get("source").asString()).isEqualTo("user");

		JsonNode discussion = this.api.get(path).json();
		assertThat(discussion.get("count").asInt()).isEqualTo(2);
		assertThat(discussion.get("test_name").asString()).isEqualTo("Discussed");
		JsonNode first = discussion.at("/comments/0");
		assertThat(first.get("comment_id").asLong()).isEqualTo(commentId);
		assertThat(first.get("source").asString()).isEqualTo("agent");
		assertThat(first.get("author_name").asString()).isEqualTo(name);
		assertThat(first.get("is_you").asBoolean()).as("read by another key").isFalse();
		assertThat(reviewer.get(path).json().at("/comments/0/is_you").asBoolean()).isTrue();

		Response deleted = this.api.delete(path + "/" + commentId);
		assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
		assertThat(deleted.json().get("deleted_preview").asString()).isEqualTo("Variant 1 wins on mobile");
		assertThat(this.api.delete(path + "/" + commentId).status()).isEqualTo(404);
		assertThat(this.api.get(path).json().get("count").asInt()).isEqualTo(1);
	}

	@Test
	void refusalsNameTheField() {
		long testId = Experiments.create(this.api, project(""), "Quiet", "quiet_" + System.nanoTime(), 9);
		String path = project("/experiment/" + testId + "/discussion");
		assertThat(this.api.post(path, Map.of("comment", " ")).json().get("error").asString()).contains("'comment'");
		assertThat(this.api.post(path, Map.of("comment", "x".repeat(5001))).status()).isEqualTo(400);
		assertThat(this.api.post(path, Map.of("comment", "x", "source", "robot")).json().get("error").asString())
			.contains("'source'");
		assertThat(this.api.get(project("/experiment/999999999/discussion")).status()).isEqualTo(404);
		assertThat(this.api.delete(path + "/abc").status()).isEqualTo(400);
		assertThat(this.anonymous.get(path).status()).isEqualTo(401);
		assertThat(this.api.get(path).json().get("count").asInt()).as("nothing stored").isZero();
	}

}
