package dev.uplift.error;

/**
 * A route of Mida's API that belongs to a product Uplift does not offer; the message says
 * what to use instead.
 */
public class NotOffered extends UpliftException {

	public NotOffered(String message) {
		super(message);
	}

}
