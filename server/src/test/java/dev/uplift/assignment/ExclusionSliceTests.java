package dev.uplift.assignment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ExclusionSliceTests {

	// Written by testdata/generate_assignment_vectors.py, an implementation apart from
	// this one.
	private static final Path VECTORS = Path.of("..", "testdata", "assignment-vectors.json");

	@Test
	void memberAtWhenSharedVectorsAgreesWithIndependentGenerator() throws IOException {
		JsonNode cases = JsonMapper.builder().build().readTree(Files.readString(VECTORS)).get("exclusion_cases");
		assertThat(cases.size()).isEqualTo(200);
		for (JsonNode vector : cases) {
			long groupId = vector.get("group_id").asLong();
			String visitorId = vector.get("visitor_id").asString();
			double point = Bucketing.hash(ExclusionSlice.seed(groupId), visitorId);
			assertThat(point).as(vector.toString()).isEqualTo(vector.get("hash").asDouble());
			double[] percents = percents(vector);
			int expected = vector.get("expected_member").isNull() ? -1 : vector.get("expected_member").asInt();
			assertThat(ExclusionSlice.memberAt(point, percents)).as(vector.toString()).isEqualTo(expected);
			for (int member = 0; member < percents.length; member++) {
				assertThat(new ExclusionSlice(groupId, member, percents).admits(visitorId)).as(vector.toString())
					.isEqualTo(member == expected);
			}
		}
	}

	@Test
	void admitsWhenEvenSplitOfThreeTakesEachVisitorIntoExactlyOneMember() {
		double[] percents = { 33, 33, 34 };
		int[] counts = new int[3];
		for (int i = 0; i < 30_000; i++) {
			String visitorId = "user-" + i;
			int admitted = 0;
			for (int member = 0; member < 3; member++) {
				if (new ExclusionSlice(7, member, percents).admits(visitorId)) {
					admitted++;
					counts[member]++;
				}
			}
			assertThat(admitted).isEqualTo(1);
		}
		// 4 standard errors of a share near 1/3 over 30,000 visitors is about 0.011.
		assertThat(counts[0] / 30_000.0).isBetween(0.33 - 0.011, 0.33 + 0.011);
		assertThat(counts[2] / 30_000.0).isBetween(0.34 - 0.011, 0.34 + 0.011);
	}

	@Test
	void exclusionSliceWhenMemberOutsideTheGroupIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ExclusionSlice(1, 2, new double[] { 50, 50 }));
		assertThatIllegalArgumentException().isThrownBy(() -> new ExclusionSlice(1, -1, new double[] { 50, 50 }));
	}

	// The vectors write an even split as null: 100 / members each.
	private static double[] percents(JsonNode vector) {
		JsonNode percents = vector.get("percents");
		if (percents.isNull()) {
			double[] even = new double[vector.get("members").asInt()];
			Arrays.fill(even, 100.0 / even.length);
			return even;
		}
		return percents.valueStream().mapToDouble(JsonNode::asDouble).toArray();
	}

}
