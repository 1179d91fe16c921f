package dev.uplift.tracking;

/** What an incoming event records. */
enum EventKind {

	/** A visitor saw a variant: enters the experiment at the first one. */
	EXPOSURE("exposure"),

	/** A visitor reached a goal, named by its goal_key. */
	GOAL("goal"),

	/**
	 * A named custom event, counted for goals of type event, revenue or script with that
	 * name.
	 */
	EVENT("event");

	private final String wireName;

	EventKind(String wireName) {
		this.wireName = wireName;
	}

	String wireName() {
		return this.wireName;
	}

	static EventKind fromWire(String type) {
		for (EventKind kind : values()) {
			if (kind.wireName.equals(type)) {
				return kind;
			}
		}
		return null;
	}

}
