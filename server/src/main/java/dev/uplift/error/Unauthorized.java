package dev.uplift.error;

/** No API key, an unknown or revoked key, or a key of another organization. */
public class Unauthorized extends UpliftException {

	public Unauthorized(String message) {
		super(message);
	}

}
