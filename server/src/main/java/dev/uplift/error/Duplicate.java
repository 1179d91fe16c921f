package dev.uplift.error;

/** A unique key (such as a goal key) that is already taken. */
public class Duplicate extends UpliftException {

	public Duplicate(String message) {
		super(message);
	}

}
