package dev.uplift.operations;

import java.util.ArrayList;
import java.util.List;

import dev.uplift.support.ApiClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Visitors and conversions per variant of a result, as text to compare. */
final class ResultCounts {

	private ResultCounts() {
	}

	/** {@code [visitors/conversions, ...]} in variant order, for a window's query. */
	static String of(ApiClient api, String projectPath, long testId, String window) {
		ApiClient.Response result = api.get(projectPath + "/experiment/" + testId + "/result" + window);
		assertThat(result.status()).as(result.body()).isEqualTo(200);
		List<String> counts = new ArrayList<>();
		for (JsonNode variant : result.json().get("variants")) {
			counts.add(variant.get("visitors").asLong() + "/" + variant.get("conversions").asLong());
		}
		return counts.toString();
	}

}
