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
		double pC = control.rate();
		double pT = treatment.rate();
		double treatmentTerm = rateVariance(treatment) / (treatment.visitors() * pC * pC);
		double controlTerm = rateVariance(control) * pT * pT / (control.visitors() * pC * pC * pC * pC);
		return new RelativeLift((pT - pC) / pC, treatmentTerm, controlTerm, treatment.visitors(), control.visitors());
	}

	private static double rateVariance(ArmCounts arm) {
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
