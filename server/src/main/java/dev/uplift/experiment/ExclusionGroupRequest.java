package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import dev.uplift.error.InvalidInput;

/**
 * An exclusion group as a create or update request describes it, checked for shape: the
 * name, the description and the membership, whose percents are all given and sum to 100,
 * or are all absent and split evenly. Whether the experiments exist and are free is the
 * service's check.
 *
 * @param name {@code name}, or null when an update leaves it
 * @param description {@code description}, or null when absent
 * @param members {@code tests} in member order with every percent filled in, or null when
 * an update leaves it
 */
record ExclusionGroupRequest(String name, String description, List<MemberRequest> members) {

	static final int MAX_NAME_LENGTH = 200;

	static final int MAX_DESCRIPTION_LENGTH = 2000;

	static final int MAX_MEMBERS = 100;

	// Percents given as decimals (33.3 + 33.3 + 33.4) may miss 100 by a rounding error.
	private static final double SUM_TOLERANCE = 1e-9;

	/** Reads a create body: {@code name} and {@code tests} are required. */
	static ExclusionGroupRequest create(JsonFields body) {
		String name = body.requiredText("name", MAX_NAME_LENGTH).strip();
		if (!body.has("tests")) {
			throw body.bad("tests", "is required: at least 2 entries of {test_id, percent}");
		}
		return new ExclusionGroupRequest(name, body.text("description", MAX_DESCRIPTION_LENGTH), members(body));
	}

	/**
	 * Reads an update body: at least one of {@code name}, {@code description},
	 * {@code tests}.
	 */
	static ExclusionGroupRequest update(JsonFields body) {
		if (body.present("name", "description", "tests") == null) {
			throw new InvalidInput("Send at least one field to change: 'name', 'description' or 'tests'");
		}
		String name = body.has("name") ? body.requiredText("name", MAX_NAME_LENGTH).strip() : null;
		return new ExclusionGroupRequest(name, body.text("description", MAX_DESCRIPTION_LENGTH),
				body.has("tests") ? members(body) : null);
	}

	private static List<MemberRequest> members(JsonFields body) {
		List<JsonNode> tests = body.array("tests", MAX_MEMBERS);
		if (tests.size() < 2) {
			throw body.bad("tests", "must list at least 2 experiments");
		}
		List<Long> testIds = new ArrayList<>();
		List<Double> percents = new ArrayList<>();
		Set<Long> seen = new HashSet<>();
		for (int i = 0; i < tests.size(); i++) {
			JsonFields test = JsonFields.element(tests.get(i), body.name("tests[" + i + "]"));
			long testId = testId(test);
			if (!seen.add(testId)) {
				throw test.bad("test_id", "repeats experiment " + testId + ": an experiment is a member once");
			}
			testIds.add(testId);
			percents.add(percent(test));
		}
		return withPercents(body, testIds, percents);
	}

	private static long testId(JsonFields test) {
		JsonNode value = test.raw("test_id");
		if (value == null) {
			throw test.bad("test_id", "is required");
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() <= 0) {
			throw test.bad("test_id", "must be a positive integer");
		}
		return value.longValue();
	}

	private static Double percent(JsonFields test) {
		Double percent = test.number("percent");
		if (percent != null && !(percent > 0 && percent <= 100)) {
			throw test.bad("percent", "must be greater than 0 and at most 100");
		}
		return percent;
	}

	private static List<MemberRequest> withPercents(JsonFields body, List<Long> testIds, List<Double> percents) {
		long given = percents.stream().filter((percent) -> percent != null).count();
		if (given == 0) {
			double[] even = evenSplit(testIds.size());
			for (int i = 0; i < even.length; i++) {
				percents.set(i, even[i]);
			}
		}
		else if (given < testIds.size()) {
			throw body.bad("tests[" + percents.indexOf(null) + "].percent",
					"is missing: give every test a percent or none (an even split)");
		}
		double sum = percents.stream().mapToDouble(Double::doubleValue).sum();
		if (Math.abs(sum - 100) > SUM_TOLERANCE) {
			throw body.bad("tests", "percents must sum to 100, got " + ExperimentViews.number(sum));
		}
		List<MemberRequest> members = new ArrayList<>();
		for (int i = 0; i < testIds.size(); i++) {
			members.add(new MemberRequest(testIds.get(i), percents.get(i)));
		}
		return members;
	}

	/**
	 * Whole percents, the remainder one each to the last members: 3 tests get 33, 33 and
	 * 34.
	 */
	static double[] evenSplit(int count) {
		double[] percents = new double[count];
		int base = 100 / count;
		int remainder = 100 % count;
		for (int i = 0; i < count; i++) {
			percents[i] = base + ((i >= count - remainder) ? 1 : 0);
		}
		return percents;
	}

	/**
	 * One member as requested.
	 *
	 * @param testId the experiment's id
	 * @param percent its percent, given or from the even split
	 */
	record MemberRequest(long testId, double percent) {
	}

}
