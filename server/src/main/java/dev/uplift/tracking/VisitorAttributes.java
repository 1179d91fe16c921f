package dev.uplift.tracking;

/**
 * What is known of a visitor at entry, kept on the assignment for segments; any component
 * may be null.
 */
record VisitorAttributes(String device, String browser, String os, String country, String source, String landingPage,
		String utmSource, String visitorType, String region, String city) {

	static final VisitorAttributes NONE = new VisitorAttributes(null, null, null, null, null, null, null, null, null,
			null);

	/**
	 * The same attributes with what a trusted proxy saw of the visitor's place, each part
	 * it saw replacing the client's own.
	 */
	VisitorAttributes locatedAt(VisitorLocation location) {
		return new VisitorAttributes(this.device, this.browser, this.os, or(location.country(), this.country),
				this.source, this.landingPage, this.utmSource, this.visitorType, or(location.region(), this.region),
				or(location.city(), this.city));
	}

	private static String or(String seen, String sent) {
		return (seen != null) ? seen : sent;
	}

}
