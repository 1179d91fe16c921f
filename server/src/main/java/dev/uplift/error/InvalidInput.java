package dev.uplift.error;

import java.util.Optional;

/**
 * Input that is malformed or breaks a validation rule; names the offending field when one
 * field is to blame.
 */
public class InvalidInput extends UpliftException {

	private final String field;

	/** Input that is wrong as a whole, such as a malformed body. */
	public InvalidInput(String message) {
		this(null, message);
	}

	/** A value of {@code field} (as the client spells it) that breaks a rule. */
	public InvalidInput(String field, String message) {
		super(message);
		this.field = field;
	}

	/** The field to blame, as the client spells it, if one is. */
	public Optional<String> field() {
		return Optional.ofNullable(this.field);
	}

}
