package dev.uplift.error;

/**
 * A request that the current state of a resource forbids, such as a live experiment going
 * back to draft; names that state.
 */
public class StateConflict extends UpliftException {

	private final String state;

	public StateConflict(String state, String message) {
		super(message);
		this.state = state;
	}

	/** The state that forbids the request, such as {@code "live"}. */
	public String state() {
		return this.state;
	}

}
