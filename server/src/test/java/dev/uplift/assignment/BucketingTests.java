package dev.uplift.assignment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class BucketingTests {

	// Written by testdata/generate_assignment_vectors.py, an implementation apart from
	// this one, with GrowthBook's published cases copied in.
	private static final Path VECTORS = Path.of("..", "testdata", "assignment-vectors.json");

	private static JsonNode vectors;

	@BeforeAll
	static void readVectors() throws IOException {
		vectors = JsonMapper.builder().build().readTree(Files.readString(VECTORS));
	}

	@Test
	void fnv1a32WhenPublishedInputsMatchesDraftEastlakeVectors() {
		assertThat(Bucketing.fnv1a32("")).isEqualTo(0x811c9dc5L);
		assertThat(Bucketing.fnv1a32("a")).isEqualTo(0xe40c292cL);
		assertThat(Bucketing.fnv1a32("foobar")).isEqualTo(0xbf9cf968L);
		for (JsonNode known : vectors.get("fnv1a32")) {
			assertThat(Bucketing.fnv1a32(known.get("input").asString())).isEqualTo(known.get("hash").asLong());
		}
	}

	@Test
	void fnv1a32WhenNonAsciiHashesUtf8Bytes() {
		assertThat(Bucketing.fnv1a32("é")).isEqualTo(bytewiseFnv(0xC3, 0xA9));
		assertThat(Bucketing.fnv1a32("日")).isEqualTo(bytewiseFnv(0xE6, 0x97, 0xA5));
		assertThat(Bucketing.fnv1a32("🙂")).isEqualTo(bytewiseFnv(0xF0, 0x9F, 0x99, 0x82));
		assertThat(Bucketing.fnv1a32("a\ud800b")).isEqualTo(Bucketing.fnv1a32("a?b"));
	}

	@Test
	void hashWhenGrowthBookPublishedCasesMatchesThem() {
		assertThat(vectors.get("growthbook_hash_v2").size()).isGreaterThanOrEqualTo(7);
		for (JsonNode known : vectors.get("growthbook_hash_v2")) {
			assertThat(Bucketing.hash(known.get(0).asString(), known.get(1).asString())).as(known.toString())
				.isEqualTo(known.get(3).asDouble());
		}
	}

	@Test
	void bucketRangesWhenGrowthBookPublishedCasesMatchesThemToEightDecimals() {
		for (JsonNode known : vectors.get("growthbook_bucket_ranges")) {
			JsonNode arguments = known.get(1);
			double[] weights = arguments.get(2).isNull() ? null : doubles(arguments.get(2));
			double[][] ranges = Bucketing.bucketRanges(arguments.get(0).asInt(), arguments.get(1).asDouble(), weights);
			JsonNode expected = known.get(2);
			assertThat(ranges.length).as(known.get(0).asString()).isEqualTo(expected.size());
			for (int i = 0; i < ranges.length; i++) {
				assertThat(ranges[i][0]).isCloseTo(expected.get(i).get(0).asDouble(), within(0.5e-8));
				assertThat(ranges[i][1]).isCloseTo(expected.get(i).get(1).asDouble(), within(0.5e-8));
			}
		}
	}

	@Test
	void chooseVariationWhenGrowthBookPublishedCasesMatchesThem() {
		for (JsonNode known : vectors.get("growthbook_choose_variation")) {
			double[][] ranges = new double[known.get(2).size()][];
			Arrays.setAll(ranges, (i) -> doubles(known.get(2).get(i)));
			assertThat(Bucketing.chooseVariation(known.get(1).asDouble(), ranges)).as(known.get(0).asString())
				.isEqualTo(known.get(3).asInt());
		}
	}

	@Test
	void assignWhenSharedVectorsAgreesWithIndependentGenerator() {
		JsonNode cases = vectors.get("cases");
		assertThat(cases.size()).isGreaterThanOrEqualTo(300);
		for (JsonNode vector : cases) {
			String seed = vector.get("hash_seed").asString();
			String visitorId = vector.get("visitor_id").asString();
			assertThat(Bucketing.hash(seed, visitorId)).as(vector.toString()).isEqualTo(vector.get("hash").asDouble());
			OptionalInt arm = Bucketing.assign(new SplitRule(1, Bucketing.HASH_VERSION, seed,
					vector.get("traffic_allocation").asDouble(), doubles(vector.get("weights"))), visitorId);
			assertThat(label(arm)).as(vector.toString()).isEqualTo(expected(vector));
		}
	}

	@Test
	void inRolloutWhenSharedVectorsAgreesWithIndependentGenerator() {
		JsonNode cases = vectors.get("serving_cases");
		assertThat(cases.size()).isGreaterThanOrEqualTo(200);
		for (JsonNode vector : cases) {
			String seed = vector.get("hash_seed").asString();
			String visitorId = vector.get("visitor_id").asString();
			assertThat(Bucketing.hash(Bucketing.servingSeed(seed), visitorId)).as(vector.toString())
				.isEqualTo(vector.get("hash").asDouble());
			assertThat(Bucketing.inRollout(seed, visitorId, vector.get("rollout").asDouble())).as(vector.toString())
				.isEqualTo(vector.get("in_rollout").asBoolean());
		}
	}

	@Test
	void inRolloutWhenRolloutGrowsOnlyAddsVisitorsAndIgnoresTheirArm() {
		// 20,000 fixed ids: the bounds are 4 standard errors (0.0141 around 0.5 per arm
		// of
		// 10,000), so the check is deterministic and far from its edge.
		int[] inRollout = new int[2];
		int[] perArm = new int[2];
		for (int i = 0; i < 20_000; i++) {
			String visitor = "user-" + i;
			boolean quarter = Bucketing.inRollout("pricing", visitor, 25);
			boolean half = Bucketing.inRollout("pricing", visitor, 50);
			assertThat(!quarter || half).as(visitor).isTrue();
			assertThat(Bucketing.inRollout("pricing", visitor, 0)).isFalse();
			assertThat(Bucketing.inRollout("pricing", visitor, 100)).isTrue();
			int arm = Bucketing.assign(rule("pricing", 100, 1, 1), visitor).getAsInt();
			perArm[arm]++;
			inRollout[arm] += half ? 1 : 0;
		}
		for (int arm = 0; arm < 2; arm++) {
			assertThat(inRollout[arm] / (double) perArm[arm]).as("arm " + arm).isCloseTo(0.5, within(0.0141));
		}
	}

	@Test
	void assignWhenLegacyHashVersionKeepsTheFirstScheme() {
		JsonNode cases = vectors.get("legacy_cases");
		assertThat(cases.size()).isGreaterThanOrEqualTo(100);
		for (JsonNode vector : cases) {
			long testId = vector.get("test_id").asLong();
			String visitorId = vector.get("visitor_id").asString();
			assertThat(Bucketing.fnv1a32(testId + ":" + visitorId)).isEqualTo(vector.get("fnv_test_visitor").asLong());
			assertThat(Bucketing.fnv1a32(visitorId + ":" + testId)).isEqualTo(vector.get("fnv_visitor_test").asLong());
			OptionalInt arm = Bucketing.assign(new SplitRule(testId, Bucketing.LEGACY_HASH_VERSION,
					Long.toString(testId), vector.get("traffic_allocation").asDouble(), doubles(vector.get("weights"))),
					visitorId);
			assertThat(label(arm)).as(vector.toString()).isEqualTo(expected(vector));
		}
	}

	@Test
	void assignWhenAllocationZeroExcludesEveryoneAndHundredIncludesEveryone() {
		for (int i = 0; i < 10_000; i++) {
			assertThat(Bucketing.assign(rule("42", 0, 1, 1), "visitor-" + i)).isEmpty();
			assertThat(Bucketing.assign(rule("42", 100, 1, 1), "visitor-" + i)).isPresent();
		}
	}

	@Test
	void assignWhenAllocationGrowsOnlyAddsVisitorsAndNeverMovesOne() {
		int small = 0;
		for (int i = 0; i < 10_000; i++) {
			OptionalInt before = Bucketing.assign(rule("7", 30, 1, 1, 1), "visitor-" + i);
			OptionalInt after = Bucketing.assign(rule("7", 60, 1, 1, 1), "visitor-" + i);
			if (before.isPresent()) {
				small++;
				assertThat(after).isEqualTo(before);
			}
		}
		assertThat(small).isBetween(2_800, 3_200);
	}

	@Test
	void assignWhenWeightIsZeroNeverChoosesThatArm() {
		int[] counts = new int[5];
		for (int i = 0; i < 20_000; i++) {
			counts[Bucketing.assign(rule("9", 100, 0, 1, 0, 2, 0), "visitor-" + i).getAsInt()]++;
		}
		assertThat(counts[0] + counts[2] + counts[4]).isZero();
		assertThat(counts[1] + counts[3]).isEqualTo(20_000);
	}

	@Test
	void assignWhenSeedDiffersSplitsOtherwise() {
		int moved = 0;
		for (int i = 0; i < 1_000; i++) {
			moved += Bucketing.assign(rule("a", 100, 1, 1), "visitor-" + i)
				.equals(Bucketing.assign(rule("b", 100, 1, 1), "visitor-" + i)) ? 0 : 1;
		}
		assertThat(moved).isBetween(400, 600);
	}

	@Test
	void splitRuleWhenArgumentsInvalidThrowsWithReason() {
		double[] two = { 1, 1 };
		assertThatIllegalArgumentException().isThrownBy(() -> new SplitRule(1, 2, "s", 100.5, two))
			.withMessageContaining("traffic allocation");
		assertThatIllegalArgumentException().isThrownBy(() -> new SplitRule(1, 2, "s", Double.NaN, two));
		assertThatIllegalArgumentException().isThrownBy(() -> new SplitRule(1, 2, "s", 50, new double[] { 0, 0 }))
			.withMessageContaining("all be zero");
		assertThatIllegalArgumentException().isThrownBy(() -> new SplitRule(1, 2, "s", 50, new double[] { 1, -1 }))
			.withMessageContaining("non-negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SplitRule(1, 2, "s", 50, new double[] { 1, Double.POSITIVE_INFINITY }));
		assertThatIllegalArgumentException().isThrownBy(() -> new SplitRule(1, 2, "s", 50, new double[0]));
		assertThatIllegalArgumentException().isThrownBy(() -> new SplitRule(0, 2, "s", 50, two))
			.withMessageContaining("test id");
		assertThatIllegalArgumentException().isThrownBy(() -> new SplitRule(1, 3, "s", 50, two))
			.withMessageContaining("hash version");
		assertThatIllegalArgumentException().isThrownBy(() -> new SplitRule(1, 2, "", 50, two))
			.withMessageContaining("hash seed");
		assertThatIllegalArgumentException().isThrownBy(() -> new SplitRule(1, 2, "s".repeat(101), 50, two));
		assertThatIllegalArgumentException().isThrownBy(() -> Bucketing.assign(new SplitRule(1, 2, "s", 50, two), ""))
			.withMessageContaining("visitor id");
	}

	private static SplitRule rule(String seed, double allocation, double... weights) {
		return new SplitRule(1, Bucketing.HASH_VERSION, seed, allocation, weights);
	}

	private static double[] doubles(JsonNode array) {
		double[] values = new double[array.size()];
		Arrays.setAll(values, (i) -> array.get(i).asDouble());
		return values;
	}

	private static String label(OptionalInt arm) {
		return arm.isPresent() ? String.valueOf(arm.getAsInt()) : null;
	}

	private static String expected(JsonNode vector) {
		return vector.get("expected_variant").isNull() ? null : vector.get("expected_variant").asString();
	}

	private static long bytewiseFnv(int... octets) {
		long hash = 0x811c9dc5L;
		for (int octet : octets) {
			hash = ((hash ^ octet) * 0x01000193L) & 0xffffffffL;
		}
		return hash;
	}

}
