package dev.uplift.error;

/**
 * Uplift cannot take the request now (a full queue, a shutdown, a database outage); the
 * caller should retry after a pause.
 */
public class Unavailable extends UpliftException {

	private final int retryAfterSeconds;

	public Unavailable(String message, int retryAfterSeconds) {
		super(message);
		this.retryAfterSeconds = retryAfterSeconds;
	}

	/** Seconds the caller should wait before retrying. */
	public int retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
