package dev.uplift.results;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.uplift.stats.ExperimentStatistics;
import dev.uplift.stats.Interval;
import dev.uplift.stats.SampleRatioMismatch;
import dev.uplift.stats.TreatmentStatistics;

/**
 * The statistics of a result as JSON (docs/api.md §6): percentages rounded half-up to 2
 * decimals, p-values to 4 significant digits (docs/statistics.md).
 */
final class StatisticsJson {

	private static final MathContext P_VALUE = new MathContext(4, RoundingMode.HALF_UP);

	private StatisticsJson() {
	}

	static Map<String, Object> treatment(ExperimentStatistics statistics, int variantIndex) {
		TreatmentStatistics treatment = statistics.treatments()
			.stream()
			.filter((candidate) -> candidate.variantIndex() == variantIndex)
			.findFirst()
			.orElseThrow();
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("lift", percent(treatment.lift()));
		view.put("chance_to_beat_control", percent(treatment.chanceToBeatControl()));
		view.put("credible_interval", interval(treatment.credibleInterval()));
		view.put("expected_loss", percent(treatment.expectedLoss()));
		view.put("p_value", pValue(treatment.pValue()));
		if (statistics.hasAdjustedPValues()) {
			view.put("p_value_adjusted", pValue(treatment.pValueAdjusted()));
		}
		view.put("confidence_interval", interval(treatment.confidenceInterval()));
		view.put("significant", treatment.significant());
		view.put("sequential", treatment.sequential());
		view.put("estimable", treatment.estimable());
		return view;
	}

	static Map<String, Object> srm(SampleRatioMismatch srm) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("p_value", pValue(srm.pValue()));
		view.put("detected", srm.detected());
		view.put("expected_weights", srm.expectedWeights().stream().map(StatisticsJson::weight).toList());
		return view;
	}

	private static List<Double> interval(Interval interval) {
		return List.of(percent(interval.low()), percent(interval.high()));
	}

	private static double percent(double value) {
		return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
	}

	static double pValue(double value) {
		return BigDecimal.valueOf(value).round(P_VALUE).doubleValue();
	}

	private static double weight(double value) {
		return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).doubleValue();
	}

}
