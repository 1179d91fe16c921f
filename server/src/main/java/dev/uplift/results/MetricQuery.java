package dev.uplift.results;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.uplift.error.InvalidInput;
import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.GoalSnapshot;

/**
 * Which metrics Get Experiment Metrics reports (digest §4.2): the goals named by
 * {@code metric_keys} (or its alias {@code goal_keys}), else the experiment's secondary
 * goals, and of those the positions of {@code metric_batch}.
 *
 * @param field the parameter that named the goals, for messages
 * @param keys the goal keys in order, or null for the secondary goals
 * @param batch zero-based positions among the definitions to compute, or null for all
 */
public record MetricQuery(String field, List<String> keys, List<Integer> batch) {

	/** The most goals one request may name. */
	static final int MAX_METRICS = 20;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The experiment's secondary goals, every one computed. */
	static final MetricQuery SECONDARY = new MetricQuery("metric_keys", null, null);

	public MetricQuery {
		keys = (keys != null) ? List.copyOf(keys) : null;
		batch = (batch != null) ? List.copyOf(batch) : null;
	}

	/**
	 * Parses the parameters, each a comma-separated list or a JSON array; every malformed
	 * value is a 400 naming it.
	 */
	static MetricQuery parse(String metricKeys, String goalKeys, String metricBatch) {
		if (present(metricKeys) && present(goalKeys)) {
			throw new InvalidInput("goal_keys", "goal_keys is an alias of metric_keys: give one of them, not both");
		}
		String field = present(goalKeys) ? "goal_keys" : "metric_keys";
		List<String> keys = present(goalKeys) ? list(field, goalKeys)
				: present(metricKeys) ? list(field, metricKeys) : null;
		if (keys != null && keys.size() > MAX_METRICS) {
			throw new InvalidInput(field, field + " names " + keys.size() + " metrics, at most " + MAX_METRICS);
		}
		List<Integer> batch = present(metricBatch) ? positions(metricBatch) : null;
		return new MetricQuery(field, keys, batch);
	}

	/** How the definitions were chosen: named, or the experiment's own. */
	SelectedGoal.Source source() {
		return (this.keys != null) ? SelectedGoal.Source.QUERY : SelectedGoal.Source.EXPERIMENT;
	}

	/** The metric definitions: the named goals of the experiment, in order. */
	List<GoalSnapshot> goals(ExperimentSnapshot experiment) {
		if (this.keys == null) {
			return experiment.goals().stream().filter((goal) -> !goal.primary()).toList();
		}
		return this.keys.stream()
			.map((key) -> experiment.goalByKey(key)
				.orElseThrow(() -> new InvalidInput(this.field,
						this.field + ": '" + FilterPresets.abbreviate(key) + "' is not a goal of experiment "
								+ experiment.testId())))
			.toList();
	}

	/** The positions to compute among {@code definitions} definitions. */
	List<Integer> positions(int definitions) {
		if (this.batch == null) {
			return IntStream.range(0, definitions).boxed().toList();
		}
		for (int position : this.batch) {
			if (position >= definitions) {
				throw new InvalidInput("metric_batch", "metric_batch: position " + position + " is past the "
						+ definitions + " metric definitions (positions count from 0)");
			}
		}
		return this.batch;
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

	private static List<String> list(String field, String value) {
		List<String> items = new ArrayList<>();
		String trimmed = value.strip();
		if (trimmed.startsWith("[")) {
			try {
				JsonNode array = JSON.readTree(trimmed);
				for (JsonNode item : array) {
					if (!item.isString() && !item.isIntegralNumber()) {
						throw new InvalidInput(field, field + " must list strings, got " + item.getNodeType());
					}
					items.add(item.asString().strip());
				}
			}
			catch (JacksonException ex) {
				throw new InvalidInput(field, field + " is neither a JSON array nor a comma-separated list");
			}
		}
		else {
			for (String item : trimmed.split(",", -1)) {
				items.add(item.strip());
			}
		}
		if (items.isEmpty() || items.contains("")) {
			throw new InvalidInput(field, field + " has an empty entry: '" + FilterPresets.abbreviate(value) + "'");
		}
		if (new HashSet<>(items).size() < items.size()) {
			throw new InvalidInput(field, field + " names a metric twice: '" + FilterPresets.abbreviate(value) + "'");
		}
		return items;
	}

	private static List<Integer> positions(String value) {
		List<Integer> positions = new ArrayList<>();
		for (String item : list("metric_batch", value)) {
			try {
				int position = Integer.parseInt(item);
				if (position < 0) {
					throw new NumberFormatException();
				}
				positions.add(position);
			}
			catch (NumberFormatException ex) {
				throw new InvalidInput("metric_batch",
						"metric_batch must list positions from 0, got '" + FilterPresets.abbreviate(item) + "'");
			}
		}
		return positions;
	}

}
