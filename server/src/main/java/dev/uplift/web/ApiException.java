package dev.uplift.web;

import org.springframework.http.HttpStatus;

/**
 * An error that a client caused or must know about, carrying the HTTP status it maps to;
 * every domain exception of Uplift extends one of the nested kinds.
 */
public abstract class ApiException extends RuntimeException {

	private final HttpStatus status;

	protected ApiException(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	/** The HTTP status this error is answered with. */
	public HttpStatus status() {
		return this.status;
	}

	/** 400: the request is malformed or breaks a validation rule. */
	public static class BadRequest extends ApiException {

		public BadRequest(String message) {
			super(HttpStatus.BAD_REQUEST, message);
		}

	}

	/** 401: no API key, an unknown or revoked key, or a key of another organization. */
	public static class Unauthorized extends ApiException {

		public Unauthorized(String message) {
			super(HttpStatus.UNAUTHORIZED, message);
		}

	}

	/** 404: the resource does not exist, is deleted, or belongs to another project. */
	public static class NotFound extends ApiException {

		public NotFound(String message) {
			super(HttpStatus.NOT_FOUND, message);
		}

	}

	/** 406: a unique key (such as a goal key) is already taken. */
	public static class Duplicate extends ApiException {

		public Duplicate(String message) {
			super(HttpStatus.NOT_ACCEPTABLE, message);
		}

	}

	/** 409: the resource is in a state that forbids the request. */
	public static class Conflict extends ApiException {

		public Conflict(String message) {
			super(HttpStatus.CONFLICT, message);
		}

	}

	/** 413: the request body is larger than allowed. */
	public static class PayloadTooLarge extends ApiException {

		public PayloadTooLarge(String message) {
			super(HttpStatus.CONTENT_TOO_LARGE, message);
		}

	}

	/**
	 * 503: the server cannot take the request now; the client should retry after a pause.
	 */
	public static class Unavailable extends ApiException {

		private final int retryAfterSeconds;

		public Unavailable(String message, int retryAfterSeconds) {
			super(HttpStatus.SERVICE_UNAVAILABLE, message);
			this.retryAfterSeconds = retryAfterSeconds;
		}

		/** Seconds the client should wait before retrying. */
		public int retryAfterSeconds() {
			return this.retryAfterSeconds;
		}

	}

}
