package dev.uplift.experiment;

/**
 * One arm of an experiment: Control at index 0, then the treatments {@code Variant 1..N}.
 *
 * @param index 0 for Control, 1.. for treatments
 * @param name {@code Control}, {@code Variant 1}, ...
 * @param nickname human label, or null
 * @param weight configured traffic weight, not normalised
 * @param customCss CSS of the arm, or null
 * @param customJs JavaScript of the arm, or null
 * @param data DOM changes of the visual editor, a JSON array as text
 */
record Variant(int index, String name, String nickname, double weight, String customCss, String customJs, String data) {

	static final String CONTROL = "Control";

	/** The fixed name of the arm at this index. */
	static String nameOf(int index) {
		return (index == 0) ? CONTROL : "Variant " + index;
	}

	Variant withWeight(double weight) {
		return new Variant(this.index, this.name, this.nickname, weight, this.customCss, this.customJs, this.data);
	}

	ExperimentSnapshot.VariantSnapshot snapshot() {
		return new ExperimentSnapshot.VariantSnapshot(this.index, this.name, this.nickname, this.weight, this.customCss,
				this.customJs, this.data);
	}

}
