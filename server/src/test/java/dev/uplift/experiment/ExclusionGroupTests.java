package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.uplift.error.InvalidInput;
import dev.uplift.experiment.ExclusionGroupRequest.MemberRequest;
import dev.uplift.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExclusionGroupTests extends ExperimentIntegrationTest {

	private static final String GROUPS = "/exclusion-groups";

	@Autowired
	private JdbcExclusionGroupRepository repository;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void exclusionGroupCreateListUpdateDeleteAsAUserWould() {
		long first = createDraft();
		long second = create(experiment(2));
		long third = createDraft();
		String name = unique("Checkout tests");
		Response created = this.api.post(project(GROUPS), Map.of("name", name, "description", "one at a time", "tests",
				List.of(Map.of("test_id", first, "percent", 30), Map.of("test_id", second, "percent", 70))));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		assertThat(created.json().get("name").asString()).isEqualTo(name);
		assertThat(created.json().get("tests").toString())
			.isEqualTo("[{\"test_id\":" + first + ",\"percent\":30},{\"test_id\":" + second + ",\"percent\":70}]");
		long groupId = created.json().get("group_id").asLong();

		JsonNode listed = listed(groupId);
		assertThat(listed.get("name").asString()).isEqualTo(name);
		assertThat(listed.get("description").asString()).isEqualTo("one at a time");
		assertThat(listed.at("/tests/0/test_id").asLong()).isEqualTo(first);
		assertThat(listed.at("/tests/0/status").asInt()).isEqualTo(9);
		assertThat(listed.at("/tests/1/test_name").isString()).isTrue();
		assertThat(details(first).get("exclusion_group").toString())
			.isEqualTo("{\"group_id\":" + groupId + ",\"name\":\"" + name + "\",\"percent\":30}");
		assertThat(details(third).get("exclusion_group").isNull()).isTrue();

		Response updated = this.api.patch(project(GROUPS + "/" + groupId),
				Map.of("name", name + " v2", "tests", List.of(Map.of("test_id", third), Map.of("test_id", first))));
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(updated.json().get("group_name").asString()).isEqualTo(name + " v2");
		assertThat(updated.json().get("tests").toString())
			.isEqualTo("[{\"test_id\":" + third + ",\"percent\":50},{\"test_id\":" + first + ",\"percent\":50}]");
		assertThat(details(second).get("exclusion_group").isNull()).isTrue();
		assertThat(details(third).at("/exclusion_group/group_id").asLong()).isEqualTo(groupId);
		assertThat(listed(groupId).get("description").asString()).isEqualTo("one at a time");

		Response deleted = this.api.delete(project(GROUPS + "/" + groupId));
		assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
		assertThat(deleted.json().get("group_name").asString()).isEqualTo(name + " v2");
		assertThat(deleted.json().get("note").asString()).contains("keep running");
		assertThat(listed(groupId)).isNull();
		assertThat(details(first).get("exclusion_group").isNull()).isTrue();
		assertThat(this.api.delete(project(GROUPS + "/" + groupId)).status()).isEqualTo(404);
		assertThat(this.api.patch(project(GROUPS + "/" + groupId), Map.of("name", "x")).status()).isEqualTo(404);
	}

	@Test
	void exclusionGroupWithoutPercentsSplitsEvenlyInWholePercents() {
		Response created = this.api.post(project(GROUPS), Map.of("name", unique("Even"), "tests", List
			.of(Map.of("test_id", createDraft()), Map.of("test_id", createDraft()), Map.of("test_id", createDraft()))));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		assertThat(created.json().get("tests").valueStream().map((test) -> test.get("percent").asInt()).toList())
			.containsExactly(33, 33, 34);
	}

	@Test
	void exclusionGroupWhenDecimalPercentsSumTo100IsAccepted() {
		Response created = this.api.post(project(GROUPS),
				Map.of("name", unique("Decimals"), "tests",
						List.of(Map.of("test_id", createDraft(), "percent", 33.3),
								Map.of("test_id", createDraft(), "percent", 33.3),
								Map.of("test_id", createDraft(), "percent", 33.4))));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		assertThat(created.json().at("/tests/2/percent").asDouble()).isEqualTo(33.4);
	}

	@Test
	void exclusionGroupWhenMembershipBreaksARuleReturns400NamingTheFieldAndStoresNothing() {
		long a = createDraft();
		long b = createDraft();
		int groupsBefore = groups().size();
		assertBadRequest(post(Map.of("tests", List.of(test(a), test(b)))), "'name' is required");
		assertBadRequest(post(Map.of("name", "n")), "'tests' is required");
		assertBadRequest(post(Map.of("name", "n", "tests", List.of(test(a)))), "'tests' must list at least 2");
		assertBadRequest(post(Map.of("name", "n", "tests", "12")), "'tests' must be an array");
		assertBadRequest(post(Map.of("name", "n", "tests", List.of(test(a), 7))), "'tests[1]' must be an object");
		assertBadRequest(post(Map.of("name", "n", "tests", List.of(test(a), Map.of("percent", 50)))),
				"'tests[1].test_id' is required");
		assertBadRequest(post(Map.of("name", "n", "tests", List.of(test(a), Map.of("test_id", "x")))),
				"'tests[1].test_id' must be an integer");
		assertBadRequest(post(Map.of("name", "n", "tests", List.of(test(a), test(a)))),
				"'tests[1].test_id' repeats experiment " + a);
		assertBadRequest(post(Map.of("name", "n", "tests", List.of(test(a), test(b, 50), test(createDraft())))),
				"'tests[0].percent' is missing");
		assertBadRequest(post(Map.of("name", "n", "tests", List.of(test(a, 50), test(b, 40)))),
				"'tests' percents must sum to 100, got 90");
		assertBadRequest(post(Map.of("name", "n", "tests", List.of(test(a, 0), test(b, 100)))),
				"'tests[0].percent' must be greater than 0 and at most 100");
		assertBadRequest(post(Map.of("name", "n", "tests", List.of(test(a, "50"), test(b, 50)))),
				"'tests[0].percent' must be a finite number");
		assertBadRequest(post(Map.of("name", "n", "tests", List.of(test(a), test(99_999_999)))),
				"'tests[1].test_id' names no experiment of this project: 99999999");
		long deleted = createDraft();
		assertThat(this.api.delete(project("/experiment/" + deleted)).status()).isEqualTo(200);
		assertBadRequest(post(Map.of("name", "n", "tests", List.of(test(a), test(deleted)))),
				"'tests[1].test_id' names no experiment of this project");
		assertThat(groups()).hasSize(groupsBefore);
		assertThat(details(a).get("exclusion_group").isNull()).isTrue();
	}

	@Test
	void exclusionGroupWhenExperimentBelongsToAnotherGroupReturns400() {
		long a = createDraft();
		long b = createDraft();
		long c = createDraft();
		long groupId = post(Map.of("name", unique("First"), "tests", List.of(test(a), test(b)))).json()
			.get("group_id")
			.asLong();
		assertBadRequest(post(Map.of("name", "Second", "tests", List.of(test(c), test(b)))),
				"'tests[1].test_id' names experiment " + b + ", which already belongs to exclusion group " + groupId);
		long other = post(Map.of("name", unique("Other"), "tests", List.of(test(c), test(createDraft())))).json()
			.get("group_id")
			.asLong();
		Response stolen = this.api.patch(project(GROUPS + "/" + other), Map.of("tests", List.of(test(c), test(a))));
		assertBadRequest(stolen, "already belongs to exclusion group " + groupId);
		assertThat(listed(other).at("/tests/1/test_id").asLong()).isNotEqualTo(a);
		Response reordered = this.api.patch(project(GROUPS + "/" + groupId),
				Map.of("tests", List.of(test(b, 10), test(a, 90))));
		assertThat(reordered.status()).as(reordered.body()).isEqualTo(200);
		assertThat(listed(groupId).at("/tests/0/test_id").asLong()).isEqualTo(b);
	}

	// Two nodes can both pass the service's check before either inserts: the unique index
	// then refuses the second insert, which must answer 400, not 500.
	@Test
	void insertMembersWhenAnotherGroupTookTheExperimentMeanwhileIsInvalidInput() {
		long shared = createDraft();
		long first = post(Map.of("name", unique("Took it"), "tests", List.of(test(createDraft()), test(shared)))).json()
			.get("group_id")
			.asLong();
		long projectId = this.jdbc.sql("SELECT project_id FROM exclusion_groups WHERE id = ?")
			.param(first)
			.query(Long.class)
			.single();
		long second = this.repository.insert(projectId, unique("Late"), null, 0);
		assertThatExceptionOfType(InvalidInput.class)
			.isThrownBy(() -> this.repository.insertMembers(second, List.of(new MemberRequest(shared, 100))))
			.withMessage("'tests[0].test_id' names experiment " + shared
					+ ", which already belongs to another exclusion group: an experiment is in at most one group");
		this.repository.delete(second);
	}

	@Test
	void exclusionGroupUpdateWhenBodyIsEmptyOrIdMalformedReturns400() {
		long groupId = post(Map.of("name", unique("Patch"), "tests", List.of(test(createDraft()), test(createDraft()))))
			.json()
			.get("group_id")
			.asLong();
		assertBadRequest(this.api.patch(project(GROUPS + "/" + groupId), Map.of()),
				"Send at least one field to change");
		assertBadRequest(this.api.patch(project(GROUPS + "/" + groupId), Map.of("name", " ")), "'name' is required");
		assertThat(this.api.patch(project(GROUPS + "/abc"), Map.of("name", "x")).status()).isEqualTo(400);
		assertThat(this.api.delete(project(GROUPS + "/0")).status()).isEqualTo(400);
	}

	@Test
	void exclusionGroupsWithoutAnApiKeyReturn401() {
		assertThat(this.anonymous.get(project(GROUPS)).status()).isEqualTo(401);
	}

	private Response post(Object body) {
		return this.api.post(project(GROUPS), body);
	}

	private static Map<String, Object> test(long testId) {
		return Map.of("test_id", testId);
	}

	private static Map<String, Object> test(long testId, Object percent) {
		return Map.of("test_id", testId, "percent", percent);
	}

	private List<JsonNode> groups() {
		Response response = this.api.get(project(GROUPS));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("groups").valueStream().toList();
	}

	private JsonNode listed(long groupId) {
		return groups().stream().filter((group) -> group.get("id").asLong() == groupId).findFirst().orElse(null);
	}

	private JsonNode details(long testId) {
		Response response = this.api.get(project("/experiment/" + testId));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("experiment");
	}

}
