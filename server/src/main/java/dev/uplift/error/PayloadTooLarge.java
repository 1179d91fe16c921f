package dev.uplift.error;

/** A request body larger than allowed, in bytes or in events. */
public class PayloadTooLarge extends UpliftException {

	public PayloadTooLarge(String message) {
		super(message);
	}

}
