package dev.uplift.stats;

/**
 * Statistics of revenue per visitor, a mean over every visitor of an arm: Welch's test of
 * the difference of the means, and the delta-method interval of their relative lift m_T /
 * m_C − 1, whose variance is s_T² / (n_T m_C²) + m_T² s_C² / (n_C m_C⁴) (e.g. Deng,
 * Knoblich and Lu, "Applying the Delta Method in Metric Analytics", KDD 2018).
 */
public final class RevenuePerVisitor {

	private RevenuePerVisitor() {
	}

	/**
	 * Compares a treatment with Control at the confidence threshold (percent, 50 to 99).
	 */
	public static RevenueComparison compare(RevenueSample control, RevenueSample treatment, int confidencePercent) {
		if (control.visitors() < 2 || treatment.visitors() < 2 || !(control.sum() > 0)) {
			return RevenueComparison.NOT_ESTIMABLE;
		}
		double meanC = control.mean();
		double meanT = treatment.mean();
		double varianceC = control.variance();
		double varianceT = treatment.variance();
		if (!(varianceC + varianceT > 0)) {
			return RevenueComparison.NOT_ESTIMABLE;
		}
		double alpha = 1 - confidencePercent / 100.0;
		Inference difference = WelchTest.test(meanT - meanC, varianceT / treatment.visitors(), treatment.visitors(),
				varianceC / control.visitors(), control.visitors(), alpha);
		double lift = meanT / meanC - 1;
		double fromTreatment = varianceT / (treatment.visitors() * meanC * meanC);
		double fromControl = meanT * meanT * varianceC / (control.visitors() * meanC * meanC * meanC * meanC);
		// A treatment without any revenue: its lift is −100 % with no spread to estimate.
		Interval interval = (fromTreatment + fromControl > 0)
				? WelchTest.test(lift, fromTreatment, treatment.visitors(), fromControl, control.visitors(), alpha)
					.interval()
				: Interval.around(lift, 0);
		return new RevenueComparison(lift * 100, difference.pValue(), interval.scaled(100), difference.pValue() < alpha,
				true);
	}

}
