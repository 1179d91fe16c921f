package dev.uplift.tracking;

/**
 * What is known of a visitor at entry, kept on the assignment for segments; any component
 * may be null.
 */
record VisitorAttributes(String device, String browser, String os, String country, String source, String landingPage,
		String utmSource, String visitorType) {

	static final VisitorAttributes NONE = new VisitorAttributes(null, null, null, null, null, null, null, null);

	VisitorAttributes withCountry(String country) {
		return new VisitorAttributes(this.device, this.browser, this.os, country, this.source, this.landingPage,
				this.utmSource, this.visitorType);
	}

}
