package dev.uplift.results;

/**
 * One visitor's entry into an experiment with their attributes and their conversion on
 * one goal, as the scan path reads it.
 *
 * @param visitorId the visitor
 * @param variant the arm entered
 * @param enteredAt entry instant (epoch ms)
 * @param values attribute values at entry by {@link Dimension#ordinal()}, null when
 * absent
 * @param firstConvertedAt first conversion at or after entry (epoch ms), or
 * {@link Long#MAX_VALUE} for none
 * @param conversions how many goal events the visitor sent at or after entry, 0 for none
 * @param revenue the visitor's revenue on the goal, as a tally of one visitor
 */
record SegmentRow(String visitorId, int variant, long enteredAt, String[] values, long firstConvertedAt,
		long conversions, RevenueTally revenue) {

	String value(Dimension dimension) {
		return this.values[dimension.ordinal()];
	}

	/** The same entry converting as given, with no revenue. */
	SegmentRow converting(long firstConvertedAt, long conversions) {
		return new SegmentRow(this.visitorId, this.variant, this.enteredAt, this.values, firstConvertedAt, conversions,
				RevenueTally.NONE);
	}

}
