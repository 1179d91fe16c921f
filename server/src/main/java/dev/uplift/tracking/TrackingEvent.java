package dev.uplift.tracking;

/**
 * One validated event, ready for the writer.
 *
 * @param kind what it records
 * @param eventId the client's idempotency id, or null
 * @param visitorId the visitor
 * @param occurredAt event time (epoch ms): receive time for collect, the client's
 * {@code ts} for import
 * @param testId experiment of an exposure, else 0
 * @param variant arm of an exposure (0 = Control), else 0
 * @param attributes visitor attributes of an exposure
 * @param name goal_key of a goal, event name of an event, else null
 * @param revenue revenue carried by a goal or named event, or null
 * @param body the event as received (JSON), kept in the event log
 */
record TrackingEvent(EventKind kind, String eventId, String visitorId, long occurredAt, long testId, int variant,
		VisitorAttributes attributes, String name, Revenue revenue, String body) {

	/**
	 * The same event with the place a trusted proxy saw; events without attributes stay
	 * as they are.
	 */
	TrackingEvent locatedAt(VisitorLocation location) {
		if (this.attributes == null || !location.known()) {
			return this;
		}
		return new TrackingEvent(this.kind, this.eventId, this.visitorId, this.occurredAt, this.testId, this.variant,
				this.attributes.locatedAt(location), this.name, this.revenue, this.body);
	}

}
