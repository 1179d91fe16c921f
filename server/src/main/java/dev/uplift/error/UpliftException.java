package dev.uplift.error;

/**
 * An error that a caller caused or must know about; its message is meant for the client.
 */
public abstract class UpliftException extends RuntimeException {

	protected UpliftException(String message) {
		super(message);
	}

}
