package dev.uplift.schedule;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.uplift.assignment.Bucketing;
import dev.uplift.assignment.SplitRule;
import dev.uplift.experiment.Reallocation;
import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Multi-armed bandits through the API: a bandit's split moves to the better arm at the
 * start of a day, once whatever the number of nodes, each split is listed with the counts
 * it was drawn from, the sample-ratio check compares with the split each visitor entered
 * under, visitors keep their arm, and contradictory settings are refused naming the
 * field. The runner is called for a moment just before the start of a past day, so that
 * the split it draws is in force now.
 */
class BanditTests extends IntegrationTest {

	@Autowired
	private BanditRunner runner;

	@Test
	void aBanditMovesToTheBetterArmAndTheCheckUsesEachDaysSplit() throws Exception {
		ZoneId zone = zone();
		LocalDate today = LocalDate.now(zone);
		long testId = bandit(Map.of("is_mab", 1));
		JsonNode distribution = this.api.get(project("/experiment/" + testId + "/distribution")).json();
		assertThat(distribution.get("distribution_mode").asString()).isEqualTo("mab");
		assertThat(distribution.get("is_mab").asBoolean()).isTrue();
		assertThat(distribution.at("/variants/1/traffic_weight").asDouble()).isEqualTo(50);
		// Two days ago, under the starting split: Control converts 5%, the treatment 20%.
		load(testId, today.minusDays(2), zone, 500, 25, 500, 100);

		Map<Long, Reallocation> first = this.runner.run(justBefore(today.minusDays(1), zone));

		// The treatment wins every draw; Control keeps its floor, 10%.
		assertThat(first.get(testId).weights()).containsExactly(1000, 9000);
		assertThat(this.runner.run(justBefore(today.minusDays(1), zone))).doesNotContainKey(testId);
		distribution = this.api.get(project("/experiment/" + testId + "/distribution")).json();
		assertThat(distribution.at("/variants/0/traffic_weight").asDouble()).isEqualTo(10);
		assertThat(distribution.at("/variants/1/traffic_weight").asDouble()).isEqualTo(90);
		assertThat(details(testId).at("/experiment/configuration/is_mab").asInt()).isEqualTo(1);
		JsonNode history = this.api.get(project("/experiment/" + testId + "/reallocations")).json();
		assertThat(history.get("is_mab").asBoolean()).isTrue();
		assertThat(history.get("starting_weights").toString()).isEqualTo("[50,50]");
		assertThat(history.at("/reallocations/0/weights").toString()).isEqualTo("[10,90]");
		assertThat(history.at("/reallocations/0/visitors").toString()).isEqualTo("[500,500]");
		assertThat(history.at("/reallocations/0/conversions").toString()).isEqualTo("[25,100]");
		assertThat(history.at("/reallocations/0/effective_at").asString())
			.isEqualTo(today.minusDays(1).atStartOfDay(zone).toInstant().toString().replace("Z", ".000Z"));

		// Yesterday's visitors entered under 10/90: 1,000 of each split's shares are no
		// mismatch, although all 2,000 are far from either split alone.
		load(testId, today.minusDays(1), zone, 100, 5, 900, 180);
		JsonNode srm = result(testId).get("srm");
		assertThat(srm.get("detected").asBoolean()).isFalse();
		assertThat(srm.get("p_value").asDouble()).isEqualTo(1.0);
		assertThat(srm.at("/expected_weights/0").asDouble()).isCloseTo(0.3, within(1e-9));
		// Had they followed the starting split, the check would see it.
		load(testId, today.minusDays(1), zone, 300, 0, 0, 0);
		assertThat(result(testId).at("/srm/detected").asBoolean()).isTrue();

		// Nodes drawing the next day's split together record it once.
		ExecutorService nodes = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Map<Long, Reallocation>>> looks = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				looks.add(() -> this.runner.run(justBefore(today, zone)));
			}
			int recorded = 0;
			for (Future<Map<Long, Reallocation>> look : nodes.invokeAll(looks)) {
				recorded += look.get().containsKey(testId) ? 1 : 0;
			}
			assertThat(recorded).isEqualTo(1);
		}
		finally {
			nodes.shutdown();
		}
		assertThat(this.api.get(project("/experiment/" + testId + "/reallocations")).json().get("reallocations"))
			.hasSize(2);
	}

	@Test
	void aVisitorKeepsTheirArmWhenTheSplitMoves() {
		ZoneId zone = zone();
		LocalDate today = LocalDate.now(zone);
		long testId = bandit(Map.of("is_mab", 1));
		String seed = details(testId).at("/experiment/hash_seed").asString();
		Map<String, String> before = new LinkedHashMap<>();
		for (int i = 0; i < 200; i++) {
			String visitor = "sticky-" + testId + "-" + i;
			before.put(visitor, Experiments.sdkVersion(this.anonymous, PROJECT_KEY, Long.toString(testId), visitor));
		}
		load(testId, today.minusDays(2), zone, 500, 5, 500, 150);
		int[] split = this.runner.run(justBefore(today.minusDays(1), zone))
			.get(testId)
			.weights()
			.stream()
			.mapToInt(Integer::intValue)
			.toArray();
		SplitRule moved = new SplitRule(testId, Bucketing.HASH_VERSION, seed, 100, new double[] { split[0], split[1] });

		long wouldMove = before.entrySet()
			.stream()
			.filter((visitor) -> !name(Bucketing.assign(moved, visitor.getKey())).equals(visitor.getValue()))
			.count();
		assertThat(wouldMove).as("visitors the new split alone would move").isGreaterThan(20);
		before.forEach((visitor,
				arm) -> assertThat(Experiments.sdkVersion(this.anonymous, PROJECT_KEY, Long.toString(testId), visitor))
					.as(visitor)
					.isEqualTo(arm));
		// A new visitor gets the new split.
		String newcomer = "newcomer-" + testId;
		assertThat(Experiments.sdkVersion(this.anonymous, PROJECT_KEY, Long.toString(testId), newcomer))
			.isEqualTo(name(Bucketing.assign(moved, newcomer)));
		JsonNode config = this.anonymous.get(project("/client-config")).json();
		for (JsonNode experiment : config.get("experiments")) {
			if (experiment.get("test_id").asLong() == testId) {
				assertThat(experiment.at("/variants/1/weight").asInt()).isEqualTo(split[1]);
			}
		}
	}

	@Test
	void contradictoryBanditSettingsAreRefusedNamingTheField() {
		Response manual = create(Map.of("is_mab", 1, "distribution", "manual"), 9);
		assertThat(manual.status()).as(manual.body()).isEqualTo(400);
		assertThat(manual.json().get("error").asString()).contains("'configuration.distribution'");
		Response paused = create(Map.of("is_mab", 1, "weights", List.of(0, 1)), 9);
		assertThat(paused.status()).as(paused.body()).isEqualTo(400);
		assertThat(paused.json().get("error").asString()).contains("'configuration.weights'");

		// distribution "mab" is is_mab, and weights sent with it are the starting split.
		Response started = create(Map.of("distribution", "mab", "weights", List.of(3, 1)), 1);
		assertThat(started.status()).as(started.body()).isEqualTo(200);
		long testId = started.json().get("test_id").asLong();
		JsonNode distribution = this.api.get(project("/experiment/" + testId + "/distribution")).json();
		assertThat(distribution.get("distribution_mode").asString()).isEqualTo("mab");
		assertThat(distribution.at("/variants/0/traffic_weight").asDouble()).isEqualTo(75);
		// Live, its weights are its re-allocations' and it stays a bandit.
		Response weights = this.api.patch(project("/experiment/" + testId),
				Map.of("configuration", Map.of("weights", List.of(1, 1))));
		assertThat(weights.status()).as(weights.body()).isEqualTo(409);
		assertThat(weights.json().get("error").asString()).contains("'configuration.weights'");
		Response off = this.api.patch(project("/experiment/" + testId), Map.of("configuration", Map.of("is_mab", 0)));
		assertThat(off.status()).as(off.body()).isEqualTo(409);
		assertThat(off.json().get("error").asString()).contains("'configuration.is_mab'");

		long plain = Experiments.create(this.api, project(""), "Not a bandit", "plain-" + System.nanoTime(), 9);
		JsonNode none = this.api.get(project("/experiment/" + plain + "/reallocations")).json();
		assertThat(none.get("is_mab").asBoolean()).isFalse();
		assertThat(none.get("reallocations")).isEmpty();
		assertThat(this.api.get(project("/experiment/" + plain + "/distribution"))
			.json()
			.get("distribution_mode")
			.asString()).isEqualTo("equal");
		assertThat(this.api.get(project("/experiment/99999999/reallocations")).status()).isEqualTo(404);
	}

	private static String name(OptionalInt arm) {
		return (arm.getAsInt() == 0) ? "Control" : "Variant " + arm.getAsInt();
	}

	private ZoneId zone() {
		return ZoneId.of(this.api.get(project("/configuration")).json().at("/configuration/time_zone").asString());
	}

	private static long justBefore(LocalDate day, ZoneId zone) {
		return day.atStartOfDay(zone).toInstant().toEpochMilli() - 60_000;
	}

	private long bandit(Map<String, Object> configuration) {
		Response created = create(configuration, 1);
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		return created.json().get("test_id").asLong();
	}

	private Response create(Map<String, Object> configuration, int status) {
		String goalKey = "bandit-" + System.nanoTime();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("test_name", "Bandit " + goalKey);
		body.put("url", "https://example.com/");
		body.put("variants", List.of(Map.of("data", List.of())));
		body.put("primary_goal", Map.of("goal_name", goalKey, "goal_type", "event", "goal_value", goalKey));
		body.put("configuration", configuration);
		body.put("status", status);
		return this.api.post(project("/create-experiment"), body);
	}

	/**
	 * Imports visitors who entered at noon of the day, and converters among them, per
	 * arm.
	 */
	private void load(long testId, LocalDate day, ZoneId zone, long controlVisitors, long controlConverters,
			long treatmentVisitors, long treatmentConverters) {
		String goalName = details(testId).at("/experiment/primary_goal/goal_value").asString();
		long time = day.atTime(12, 0).atZone(zone).toInstant().toEpochMilli();
		long[][] arms = { { controlVisitors, controlConverters }, { treatmentVisitors, treatmentConverters } };
		StringBuilder lines = new StringBuilder();
		for (int arm = 0; arm < 2; arm++) {
			for (long i = 0; i < arms[arm][0]; i++) {
				String visitor = testId + "-" + day + "-" + arm + "-" + i + "-" + System.nanoTime();
				lines.append(line(Map.of("type", "exposure", "visitor_id", visitor, "test_id", testId, "variant_id",
						Integer.toString(arm), "ts", time)));
				if (i < arms[arm][1]) {
					lines.append(
							line(Map.of("type", "event", "visitor_id", visitor, "name", goalName, "ts", time + 1000)));
				}
			}
		}
		Response imported = this.api.send("POST", project("/import"), "application/x-ndjson", lines.toString());
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		assertThat(imported.json().get("rejected").asLong()).isZero();
	}

	private static String line(Map<String, Object> event) {
		return JsonMapper.shared().writeValueAsString(event) + "\n";
	}

	private JsonNode details(long testId) {
		return this.api.get(project("/experiment/" + testId)).json();
	}

	private JsonNode result(long testId) {
		Response response = this.api.get(project("/experiment/" + testId + "/result"));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

}
