package dev.uplift.assignment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BucketingTests {

	// Written by testdata/generate_assignment_vectors.py, an implementation apart from this one.
	private static final Path VECTORS = Path.of("..", "testdata", "assignment-vectors.json");

	private static final int VISITORS = 100_000;

	private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	// Chi-square critical values at p = 0.001 (NIST/SEMATECH e-Handbook, table 1.3.6.7.4).
	private static final double CHI_SQUARE_1_DF = 10.828;

	private static final double CHI_SQUARE_3_DF = 16.266;

	@Test
	void fnv1a32WhenPublishedInputsMatchesDraftEastlakeVectors() {
		assertThat(Bucketing.fnv1a32("")).isEqualTo(0x811c9dc5L);
		assertThat(Bucketing.fnv1a32("a")).isEqualTo(0xe40c292cL);
		assertThat(Bucketing.fnv1a32("foobar")).isEqualTo(0xbf9cf968L);
	}

	@Test
	void fnv1a32WhenNonAsciiHashesUtf8Bytes() {
		assertThat(Bucketing.fnv1a32("é")).isEqualTo(bytewiseFnv(0xC3, 0xA9));
		assertThat(Bucketing.fnv1a32("🙂")).isEqualTo(bytewiseFnv(0xF0, 0x9F, 0x99, 0x82));
	}

	@Test
	void assignWhenSharedVectorsAgreesWithIndependentGenerator() throws IOException {
		JsonNode vectors = JsonMapper.builder().build().readTree(Files.readString(VECTORS));
		for (JsonNode known : vectors.get("fnv1a32")) {
			assertThat(Bucketing.fnv1a32(known.get("input").asString())).isEqualTo(known.get("hash").asLong());
		}
		JsonNode cases = vectors.get("cases");
		assertThat(cases.size()).isGreaterThanOrEqualTo(200);
		for (JsonNode vector : cases) {
			long testId = vector.get("test_id").asLong();
			String visitorId = vector.get("visitor_id").asString();
			double[] weights = new double[vector.get("weights").size()];
			Arrays.setAll(weights, (i) -> vector.get("weights").get(i).asDouble());
			OptionalInt arm = Bucketing.assign(testId, visitorId, vector.get("traffic_allocation").asDouble(), weights);
			String expected = vector.get("expected_variant").isNull() ? null : vector.get("expected_variant").asString();
			assertThat(arm.isPresent() ? String.valueOf(arm.getAsInt()) : null).as(vector.toString()).isEqualTo(expected);
			assertThat(Bucketing.fnv1a32(testId + ":" + visitorId)).isEqualTo(vector.get("fnv_test_visitor").asLong());
			assertThat(Bucketing.fnv1a32(visitorId + ":" + testId)).isEqualTo(vector.get("fnv_visitor_test").asLong());
		}
	}

	@Test
	void assignWhenAllocationZeroExcludesEveryone() {
		for (int i = 0; i < 10_000; i++) {
			assertThat(Bucketing.assign(42, "visitor-" + i, 0, new double[] { 1, 1 })).isEmpty();
		}
	}

	@Test
	void assignWhenAllocationHundredIncludesEveryone() {
		for (int i = 0; i < 10_000; i++) {
			assertThat(Bucketing.assign(42, "visitor-" + i, 100, new double[] { 1, 1 })).isPresent();
		}
	}

	@Test
	void assignWhenAllocationGrowsKeepsIncludedVisitorsInTheSameArm() {
		double[] weights = { 1, 1, 1 };
		for (int i = 0; i < 10_000; i++) {
			OptionalInt small = Bucketing.assign(7, "visitor-" + i, 30, weights);
			if (small.isPresent()) {
				assertThat(Bucketing.assign(7, "visitor-" + i, 60, weights)).isEqualTo(small);
			}
		}
	}

	@Test
	void armWhenWeightIsZeroNeverChoosesThatArm() {
		double[] weights = { 0, 1, 0, 2, 0 };
		int[] counts = new int[weights.length];
		for (int i = 0; i < VISITORS; i++) {
			counts[Bucketing.arm(9, "visitor-" + i, weights)]++;
		}
		assertThat(counts[0]).isZero();
		assertThat(counts[2]).isZero();
		assertThat(counts[4]).isZero();
		assertThat(counts[1] + counts[3]).isEqualTo(VISITORS);
	}

	@Test
	void armAtWhenEqualWeightsGivesEachArmExactlyOneKth() {
		for (int k = 1; k <= 12; k++) {
			double[] weights = new double[k];
			Arrays.fill(weights, 1);
			for (int i = 0; i < k; i++) {
				assertThat(Bucketing.armAt((double) i / k, weights)).isEqualTo(i);
				assertThat(Bucketing.armAt(Math.nextDown((double) (i + 1) / k), weights)).isEqualTo(i);
			}
		}
	}

	@Test
	void armAtWhenUnequalWeightsUsesUnroundedBoundaries() {
		double[] weights = { 1, 2 };
		assertThat(Bucketing.armAt(Math.nextDown(1.0 / 3), weights)).isZero();
		assertThat(Bucketing.armAt(1.0 / 3, weights)).isEqualTo(1);
		assertThat(Bucketing.armAt(Math.nextDown(1.0), weights)).isEqualTo(1);
	}

	@Test
	void armWhenManyVisitorsFollowsWeightsWithinChiSquareBound() {
		assertThat(chiSquareOfArms(new double[] { 1, 1, 1, 1 })).isLessThan(CHI_SQUARE_3_DF);
		assertThat(chiSquareOfArms(new double[] { 1, 3 })).isLessThan(CHI_SQUARE_1_DF);
	}

	@Test
	void isIncludedWhenManyVisitorsFollowsAllocationWithinChiSquareBound() {
		int included = 0;
		for (String visitorId : scriptLikeVisitorIds()) {
			included += Bucketing.isIncluded(1234, visitorId, 30) ? 1 : 0;
		}
		assertThat(chiSquare(new int[] { included, VISITORS - included }, new double[] { 0.3, 0.7 }))
			.isLessThan(CHI_SQUARE_1_DF);
	}

	@Test
	void assignWhenArgumentsInvalidThrowsWithReason() {
		double[] two = { 1, 1 };
		assertThatIllegalArgumentException().isThrownBy(() -> Bucketing.assign(1, "v", 100.5, two))
			.withMessageContaining("traffic allocation");
		assertThatIllegalArgumentException().isThrownBy(() -> Bucketing.assign(1, "v", -1, two));
		assertThatIllegalArgumentException().isThrownBy(() -> Bucketing.assign(1, "v", Double.NaN, two));
		assertThatIllegalArgumentException().isThrownBy(() -> Bucketing.assign(1, "v", 50, new double[] { 0, 0 }))
			.withMessageContaining("all be zero");
		assertThatIllegalArgumentException().isThrownBy(() -> Bucketing.assign(1, "v", 50, new double[] { 1, -1 }))
			.withMessageContaining("non-negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Bucketing.assign(1, "v", 50, new double[] { 1, Double.POSITIVE_INFINITY }));
		assertThatIllegalArgumentException().isThrownBy(() -> Bucketing.assign(1, "v", 50, new double[0]));
		assertThatIllegalArgumentException().isThrownBy(() -> Bucketing.assign(1, "v", 50, null));
		assertThatIllegalArgumentException().isThrownBy(() -> Bucketing.assign(0, "v", 50, two))
			.withMessageContaining("test id");
		assertThatIllegalArgumentException().isThrownBy(() -> Bucketing.assign(1, "", 50, two))
			.withMessageContaining("visitor id");
		assertThatIllegalArgumentException().isThrownBy(() -> Bucketing.assign(1, null, 50, two));
	}

	private static double chiSquareOfArms(double[] weights) {
		int[] counts = new int[weights.length];
		for (String visitorId : scriptLikeVisitorIds()) {
			counts[Bucketing.arm(28222, visitorId, weights)]++;
		}
		double total = Arrays.stream(weights).sum();
		return chiSquare(counts, Arrays.stream(weights).map((weight) -> weight / total).toArray());
	}

	/**
	 * Random 22-character ids like the browser script's, from a fixed seed so the checks cannot flake; plain
	 * FNV-1a mixes a changing last character weakly, so sequential ids such as {@code visitor-1, visitor-2, ...}
	 * would measure that instead.
	 */
	private static String[] scriptLikeVisitorIds() {
		SplittableRandom random = new SplittableRandom(20260101);
		String[] ids = new String[VISITORS];
		char[] id = new char[22];
		for (int i = 0; i < VISITORS; i++) {
			for (int c = 0; c < id.length; c++) {
				id[c] = ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length()));
			}
			ids[i] = new String(id);
		}
		return ids;
	}

	private static double chiSquare(int[] counts, double[] shares) {
		int total = Arrays.stream(counts).sum();
		double statistic = 0;
		for (int i = 0; i < counts.length; i++) {
			double expected = total * shares[i];
			statistic += (counts[i] - expected) * (counts[i] - expected) / expected;
		}
		return statistic;
	}

	private static long bytewiseFnv(int... octets) {
		long hash = 0x811c9dc5L;
		for (int octet : octets) {
			hash = ((hash ^ octet) * 0x01000193L) & 0xffffffffL;
		}
		return hash;
	}

}
