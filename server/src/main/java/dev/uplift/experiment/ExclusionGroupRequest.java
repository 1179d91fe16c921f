package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Size;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

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

	/** The group a create body asks for: {@code name} and {@code tests} are required. */
	static ExclusionGroupRequest create(ExclusionGroupBody body) {
		if (body.name() == null || body.name().isBlank()) {
			throw new InvalidInput("name", "'name' is required");
		}
		if (body.tests() == null) {
			throw new InvalidInput("tests", "'tests' is required: at least 2 entries of {test_id, percent}");
		}
		return new ExclusionGroupRequest(body.name().strip(), body.description(), members(body.tests()));
	}

	/**
	 * The changes an update body asks for: at least one of {@code name},
	 * {@code description}, {@code tests}.
	 */
	static ExclusionGroupRequest update(ExclusionGroupBody body) {
		if (body.name() == null && body.description() == null && body.tests() == null) {
			throw new InvalidInput("Send at least one field to change: 'name', 'description' or 'tests'");
		}
		if (body.name() != null && body.name().isBlank()) {
			throw new InvalidInput("name", "'name' is required");
		}
		return new ExclusionGroupRequest((body.name() != null) ? body.name().strip() : null, body.description(),
				(body.tests() != null) ? members(body.tests()) : null);
	}

	private static List<MemberRequest> members(List<MemberBody> tests) {
		if (tests.size() < 2) {
			throw new InvalidInput("tests", "'tests' must list at least 2 experiments");
		}
		List<Long> testIds = new ArrayList<>();
		List<Double> percents = new ArrayList<>();
		Set<Long> seen = new HashSet<>();
		for (int i = 0; i < tests.size(); i++) {
			String field = "tests[" + i + "]";
			MemberBody test = tests.get(i);
			if (test == null) {
				throw new InvalidInput(field, "'" + field + "' must be an object");
			}
			if (test.testId() == null) {
				throw new InvalidInput(field + ".test_id", "'" + field + ".test_id' is required");
			}
			if (test.testId() <= 0) {
				throw new InvalidInput(field + ".test_id", "'" + field + ".test_id' must be a positive integer");
			}
			if (!seen.add(test.testId())) {
				throw new InvalidInput(field + ".test_id", "'" + field + ".test_id' repeats experiment " + test.testId()
						+ ": an experiment is a member once");
			}
			if (test.percent() != null && !(test.percent() > 0 && test.percent() <= 100)) {
				throw new InvalidInput(field + ".percent",
						"'" + field + ".percent' must be greater than 0 and at most 100");
			}
			testIds.add(test.testId());
			percents.add(test.percent());
		}
		return withPercents(testIds, percents);
	}

	private static List<MemberRequest> withPercents(List<Long> testIds, List<Double> percents) {
		long given = percents.stream().filter((percent) -> percent != null).count();
		if (given == 0) {
			double[] even = evenSplit(testIds.size());
			for (int i = 0; i < even.length; i++) {
				percents.set(i, even[i]);
			}
		}
		else if (given < testIds.size()) {
			String field = "tests[" + percents.indexOf(null) + "].percent";
			throw new InvalidInput(field,
					"'" + field + "' is missing: give every test a percent or none (an even split)");
		}
		double sum = percents.stream().mapToDouble(Double::doubleValue).sum();
		if (Math.abs(sum - 100) > SUM_TOLERANCE) {
			throw new InvalidInput("tests", "'tests' percents must sum to 100, got " + ExperimentViews.number(sum));
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

	/**
	 * Create and Update Exclusion Group as sent; null means not sent.
	 *
	 * @param name the group's name, required on create
	 * @param description what it is for
	 * @param tests its experiments, at least 2, with percents that sum to 100 or none
	 */
	record ExclusionGroupBody(@Size(max = MAX_NAME_LENGTH, message = GoalRequest.MAX_LENGTH) String name,
			@Size(max = MAX_DESCRIPTION_LENGTH, message = GoalRequest.MAX_LENGTH) String description,
			@Size(max = MAX_MEMBERS, message = "must have at most {max} entries") List<MemberBody> tests) {
	}

	/**
	 * One experiment of a group as sent.
	 *
	 * @param testId the experiment
	 * @param percent its share of the group's traffic, or null for an even split
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record MemberBody(Long testId, Double percent) {
	}

}
