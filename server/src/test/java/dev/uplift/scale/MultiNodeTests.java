package dev.uplift.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import dev.uplift.scale.TrafficOracle.Tally;
import dev.uplift.scale.TrafficPlan.ExperimentSpec;
import dev.uplift.scale.TrafficPlan.GoalSpec;
import dev.uplift.support.ApiClient;
import dev.uplift.support.ApiClient.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Two Uplift processes on one PostgreSQL take one shuffled stream, split at random and
 * sent concurrently (the same visitor through both nodes), while one node is stopped
 * gracefully and the other killed, each restarted mid-stream; every result number must
 * equal the in-memory oracle.
 */
@Tag("multinode")
class MultiNodeTests {

	static final String KEY = "multinode-test-key-0123456789abcdefghijklmn";

	static final String PROJECT = "MultiNodeProjectKey001";

	static final String BASE = "/v2/project/" + PROJECT;

	private static final List<String> NODE_JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

	private static final int VISITORS = 6_000;

	private static final int CLIENTS = 6;

	private static final int MAX_BATCH = 120;

	/**
	 * Ordinals a node takes for an experiment at once (IngestionStorageConfiguration).
	 */
	private static final long BLOCK = 1_024;

	/**
	 * Node starts in the test: each may leave a block of ordinals of each experiment
	 * partly used.
	 */
	private static final int NODE_STARTS = 4;

	@Test
	void twoNodesCountEveryAcknowledgedEventExactlyAcrossRestarts() throws Exception {
		ScaleDatabase database = ScaleDatabase.fresh();
		long seed = System.nanoTime();
		try (NodeProcess a = node("a", database).start(); NodeProcess b = node("b", database).start()) {
			ApiClient api = new ApiClient(a.baseUrl(), KEY);
			ProjectSetup.Setup setup = ProjectSetup.create(api, BASE);
			List<ExperimentSpec> experiments = setup.experiments();
			TrafficPlan plan = TrafficPlan.generate(seed, VISITORS, experiments, setup.goals());
			Collector collector = new Collector(List.of(a::baseUrl, b::baseUrl), BASE + "/collect");

			send(plan, 0, collector, () -> restart(b, false));
			ExperimentSpec paused = experiments.stream()
				.filter(ExperimentSpec::pausedAfterFirstPhase)
				.findFirst()
				.orElseThrow();
			Response pause = new ApiClient(b.baseUrl(), KEY).patch(BASE + "/experiment/" + paused.testId() + "/status",
					Map.of("status", 0));
			assertThat(pause.status()).as(pause.body()).isEqualTo(200);
			send(plan, 1, collector, () -> restart(a, true));
			send(plan, 2, collector, () -> {
			});

			String context = "seed " + seed + ", answers " + collector.statuses();
			assertThat(collector.unexpectedAnswers()).as(context).isEmpty();
			assertThat(collector.statuses()).as(context).containsKey(202);
			TrafficOracle oracle = plan.oracle();
			for (ExperimentSpec experiment : experiments) {
				for (NodeProcess node : List.of(a, b)) {
					checkResults(new ApiClient(node.baseUrl(), KEY), experiment, oracle, context);
				}
			}
			checkTables(database, experiments, oracle, context);
			System.out.printf("Multinode stream: %d events (%d distinct accepted), %s%n",
					plan.phase(0).size() + plan.phase(1).size() + plan.phase(2).size(), oracle.acceptedEvents(),
					context);
		}
	}

	/**
	 * Sends one phase: half of it in batches each to a random node, the other half
	 * alongside in pairs of batches that split the same visitors' events and reach both
	 * nodes at the same instant; once 30 % of the random batches are acknowledged, runs
	 * {@code disruption} alongside, and waits for all.
	 */
	private static void send(TrafficPlan plan, int phase, Collector collector, Runnable disruption) throws Exception {
		List<Map<String, Object>> events = plan.phase(phase);
		List<String> bodies = plan.batches(events.subList(0, events.size() / 2), MAX_BATCH);
		List<List<String>> pairs = plan.pairs(events.subList(events.size() / 2, events.size()), MAX_BATCH / 2);
		CompletableFuture<Void> together = CompletableFuture.runAsync(() -> collector.deliverTogether(pairs, CLIENTS));
		AtomicInteger acknowledged = new AtomicInteger();
		CompletableFuture<Void> disrupted = new CompletableFuture<>();
		int threshold = bodies.size() * 3 / 10;
		collector.deliver(bodies, CLIENTS, (index) -> {
			if (acknowledged.incrementAndGet() == threshold) {
				CompletableFuture.runAsync(disruption).whenComplete((ok, failure) -> {
					if (failure != null) {
						disrupted.completeExceptionally(failure);
					}
					else {
						disrupted.complete(null);
					}
				});
			}
		});
		if (threshold == 0) {
			disruption.run();
			disrupted.complete(null);
		}
		disrupted.get(10, TimeUnit.MINUTES);
		together.get(10, TimeUnit.MINUTES);
	}

	private static void restart(NodeProcess node, boolean kill) {
		if (kill) {
			node.kill();
		}
		else {
			assertThat(node.stop()).as("exit code of a graceful stop of " + node.name()).isIn(0, 143);
		}
		node.start();
	}

	private static void checkResults(ApiClient api, ExperimentSpec experiment, TrafficOracle oracle, String context) {
		long[] visitors = experiment.live() ? oracle.visitors(experiment.testId()) : new long[experiment.arms()];
		for (GoalSpec goal : experiment.goals()) {
			Response response = api.get(BASE + "/experiment/" + experiment.testId() + "/result?goal_key=" + goal.key());
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			JsonNode result = response.json();
			Tally tally = experiment.live() ? oracle.conversions(experiment.testId(), goal.id())
					: new Tally(experiment.arms());
			String what = context + ", experiment " + experiment.testId() + ", goal " + goal.key();
			assertThat(result.get("total_visitors").asLong()).as(what).isEqualTo(sum(visitors));
			assertThat(result.get("total_conversions").asLong()).as(what).isEqualTo(sum(tally.converters));
			for (int v = 0; v < experiment.arms(); v++) {
				JsonNode variant = result.get("variants").get(v);
				assertThat(variant.get("visitors").asLong()).as(what + ", variant " + v).isEqualTo(visitors[v]);
				assertThat(variant.get("conversions").asLong()).as(what + ", variant " + v)
					.isEqualTo(tally.converters[v]);
			}
		}
	}

	private static void checkTables(ScaleDatabase database, List<ExperimentSpec> experiments, TrafficOracle oracle,
			String context) {
		for (ExperimentSpec experiment : experiments) {
			long expected = experiment.live() ? sum(oracle.visitors(experiment.testId())) : 0;
			checkOrdinals(database, experiment.testId(), expected, context);
			for (GoalSpec goal : experiment.goals()) {
				checkConversionRows(database, experiment, goal, oracle, context);
			}
		}
		assertThat(rowsByKey(database,
				"SELECT test_id, variant, entered_day, COUNT(*) FROM assignments "
						+ "GROUP BY test_id, variant, entered_day"))
			.as(context + ": entry_rollup equals the assignments")
			.isEqualTo(rowsByKey(database, "SELECT test_id, variant, entered_day, SUM(visitors) FROM entry_rollup "
					+ "GROUP BY test_id, variant, entered_day HAVING SUM(visitors) <> 0"));
		assertThat(rowsByKey(database,
				"SELECT test_id, goal_id, variant, entered_day, converted_day, COUNT(*) "
						+ "FROM conversions GROUP BY test_id, goal_id, variant, entered_day, converted_day"))
			.as(context + ": conversion_rollup equals the conversions")
			.isEqualTo(rowsByKey(database,
					"SELECT test_id, goal_id, variant, entered_day, converted_day, SUM(converters) "
							+ "FROM conversion_rollup GROUP BY test_id, goal_id, variant, entered_day, converted_day "
							+ "HAVING SUM(converters) <> 0"));
		assertThat(database.count("SELECT COUNT(*) FROM event_log")).as(context + ": event log")
			.isEqualTo(oracle.acceptedEvents());
	}

	/**
	 * Ordinals are unique, and dense within each node's blocks: with fewer events in
	 * flight than a block holds, every block is {@code ORDINAL_BLOCK} long and aligned,
	 * and a block's entries hold a run from its start (the segment index compresses such
	 * runs well). Only the blocks a node left partly used, or skipped the end of, have a
	 * gap.
	 */
	private static void checkOrdinals(ScaleDatabase database, long testId, long expected, String context) {
		String what = context + ": ordinals of experiment " + testId;
		List<Object> totals = database
			.rows("SELECT COUNT(*), COUNT(DISTINCT ordinal), COALESCE(MAX(ordinal), -1) FROM assignments "
					+ "WHERE test_id = " + testId)
			.get(0);
		assertThat(totals.get(0)).as(context + ", entries of " + testId).isEqualTo(expected);
		assertThat(totals.get(1)).as(what + " are unique").isEqualTo(expected);
		long nextOrdinal = database.count("SELECT next_ordinal FROM experiments WHERE id = " + testId);
		assertThat(nextOrdinal).as(what + ": next_ordinal, the end of the blocks taken")
			.isGreaterThan((Long) totals.get(2))
			.isEqualTo(nextOrdinal / BLOCK * BLOCK);
		List<List<Object>> blocks = database
			.rows("SELECT ordinal / " + BLOCK + ", MIN(ordinal) % " + BLOCK + ", MAX(ordinal) % " + BLOCK
					+ ", COUNT(*) FROM assignments WHERE test_id = " + testId + " GROUP BY ordinal / " + BLOCK);
		for (List<Object> block : blocks) {
			assertThat(block.subList(1, 3)).as(what + " in block " + block.get(0) + " run from its start")
				.containsExactly(0L, (Long) block.get(3) - 1);
		}
		// A block is left for the next only when a transaction needs more ordinals than
		// it has left, far fewer than half a block here; each node start leaves one
		// partly used.
		assertThat((long) blocks.size()).as(what + ": blocks taken")
			.isLessThanOrEqualTo(expected / (BLOCK / 2) + 1 + NODE_STARTS);
	}

	private static void checkConversionRows(ScaleDatabase database, ExperimentSpec experiment, GoalSpec goal,
			TrafficOracle oracle, String context) {
		Tally tally = experiment.live() ? oracle.conversions(experiment.testId(), goal.id())
				: new Tally(experiment.arms());
		Map<Long, List<Object>> rows = new HashMap<>();
		database
			.rows("SELECT variant, COUNT(*), SUM(count), SUM(orders), SUM(revenue) FROM conversions WHERE test_id = "
					+ experiment.testId() + " AND goal_id = " + goal.id() + " GROUP BY variant")
			.forEach((row) -> rows.put((Long) row.get(0), row));
		for (int v = 0; v < experiment.arms(); v++) {
			List<Object> row = rows.getOrDefault((long) v, List.of((long) v, 0L, 0L, 0L, 0.0));
			String what = context + ", conversions of experiment " + experiment.testId() + ", goal " + goal.key()
					+ ", variant " + v;
			assertThat(row.subList(1, 4)).as(what)
				.containsExactly(tally.converters[v], tally.events[v], tally.orders[v]);
			assertThat(((Number) row.get(4)).doubleValue()).as(what).isCloseTo(tally.revenue[v], within(1e-9));
		}
	}

	private static Map<List<Object>, Object> rowsByKey(ScaleDatabase database, String sql) {
		Map<List<Object>, Object> byKey = new HashMap<>();
		for (List<Object> row : database.rows(sql)) {
			byKey.put(new ArrayList<>(row.subList(0, row.size() - 1)), row.get(row.size() - 1));
		}
		return byKey;
	}

	private static long sum(long[] values) {
		long total = 0;
		for (long value : values) {
			total += value;
		}
		return total;
	}

	private static NodeProcess node(String name, ScaleDatabase database) throws IOException {
		Map<String, String> properties = new HashMap<>(database.storage());
		properties.put("uplift.storage.data-dir", Files.createTempDirectory("uplift-node-" + name).toString());
		properties.put("uplift.bootstrap.api-key", KEY);
		properties.put("uplift.bootstrap.project-key", PROJECT);
		return new NodeProcess(name, properties, NODE_JVM);
	}

}
