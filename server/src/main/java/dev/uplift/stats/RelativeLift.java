package dev.uplift.stats;

/**
 * The relative lift Δ = (p_T − p_C) / p_C of a treatment over Control with its
 * delta-method variance Var(Δ) = σ²_T / (n_T p_C²) + σ²_C p_T² / (n_C p_C⁴), σ² = p(1 −
 * p) (Casella and Berger, Statistical Inference, 2nd ed., §5.5.4); a rate of exactly 0 or
 * 1 gets the variance of half a conversion (Haldane 1956; Anscombe 1956).
 *
 * @param estimate Δ as a fraction
 * @param treatmentTerm σ²_T / (n_T p_C²)
 * @param controlTerm σ²_C p_T² / (n_C p_C⁴)
 * @param treatmentVisitors n_T
 * @param controlVisitors n_C
 */
record RelativeLift(double estimate, double treatmentTerm, double controlTerm, long treatmentVisitors,
		long controlVisitors) {

	/**
	 * Whether Δ is defined: Control has visitors and conversions and the treatment has
	 * visitors.
	 */
	static boolean estimable(ArmCounts control, ArmCounts treatment) {
		return control.conversions() > 0 && treatment.visitors() > 0;
	}

	/**
	 * The lift of {@code treatment} over {@code control}, which must be
	 * {@link #estimable}.
	 */
	static RelativeLift of(ArmCounts control, ArmCounts treatment) {
		if (!estimable(control, treatment)) {
			throw new IllegalArgumentException("Relative lift undefined for " + control + " and " + treatment);
		}
		return of(control.rate(), rateVariance(control) / control.visitors(), control.visitors(), treatment.rate(),
				rateVariance(treatment) / treatment.visitors(), treatment.visitors());
	}

	/**
	 * The lift of rates estimated otherwise than by one binomial, each with the variance
	 * of its estimate, such as a bandit's period-weighted rates.
	 * @param pC Control's rate, above 0
	 * @param varC the variance of its estimate
	 * @param nC Control's visitors
	 * @param pT the treatment's rate
	 * @param varT the variance of its estimate
	 * @param nT the treatment's visitors
	 */
	static RelativeLift of(double pC, double varC, long nC, double pT, double varT, long nT) {
		return new RelativeLift((pT - pC) / pC, varT / (pC * pC), varC * pT * pT / (pC * pC * pC * pC), nT, nC);
	}

	/** σ² = p(1 − p) of an arm, with half a conversion for a rate of exactly 0 or 1. */
	static double rateVariance(ArmCounts arm) {
		double p = arm.rate();
		if (arm.conversions() == 0) {
			p = 0.5 / arm.visitors();
		}
		else if (arm.conversions() == arm.visitors()) {
			p = 1 - 0.5 / arm.visitors();
		}
		return p * (1 - p);
	}

	/** Var(Δ), always above 0. */
	double variance() {
		return this.treatmentTerm + this.controlTerm;
	}

	/** The standard error √Var(Δ). */
	double standardError() {
		return Math.sqrt(variance());
	}

	/** The visitors of both arms, the sample size t of the confidence sequence. */
	long sampleSize() {
		return this.treatmentVisitors + this.controlVisitors;
	}

}
