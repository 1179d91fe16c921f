package dev.uplift.web;

/** The one error shape of the API: {@code {"success": false, "error": "..."}}. */
public record ErrorBody(boolean success, String error) {

	public static ErrorBody of(String message) {
		return new ErrorBody(false, message);
	}

}
