package dev.uplift.error;

import java.util.Objects;

/**
 * A resource that does not exist, is deleted, or belongs to another project; names the
 * kind of resource and the id it was looked up by.
 */
public class NotFound extends UpliftException {

	private final String resource;

	private final String id;

	/**
	 * A {@code resource} (such as {@code "Experiment"}) not found by {@code id}; the
	 * message is "Experiment not found", the id is not echoed back.
	 */
	public NotFound(String resource, Object id) {
		super(resource + " not found");
		this.resource = resource;
		this.id = String.valueOf(Objects.requireNonNull(id, "id"));
	}

	/** The kind of resource, such as {@code "Experiment"}. */
	public String resource() {
		return this.resource;
	}

	/** The id or key the resource was looked up by. */
	public String id() {
		return this.id;
	}

}
