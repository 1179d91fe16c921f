package dev.uplift.web;

import dev.uplift.error.Duplicate;
import dev.uplift.error.InvalidInput;
import dev.uplift.error.NotFound;
import dev.uplift.error.NotOffered;
import dev.uplift.error.PayloadTooLarge;
import dev.uplift.error.StateConflict;
import dev.uplift.error.Unauthorized;
import dev.uplift.error.Unavailable;
import dev.uplift.error.UpliftException;

import java.util.Map;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every exception to the one error body of the API, so that no request is answered
 * with a 500 page.
 */
@RestControllerAdvice
class ApiExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final UnexpectedErrors unexpectedErrors;

	ApiExceptionHandler(UnexpectedErrors unexpectedErrors) {
		this.unexpectedErrors = unexpectedErrors;
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> api(UpliftException ex) {
		ResponseEntity.BodyBuilder response = error(status(ex));
		if (ex instanceof Unavailable unavailable) {
			response.header(HttpHeaders.RETRY_AFTER, Integer.toString(unavailable.retryAfterSeconds()));
		}
		return response.body(ErrorBody.of(ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> invalidBody(MethodArgumentNotValidException ex) {
		String message = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(ApiExceptionHandler::describe)
			.sorted()
			.collect(Collectors.joining("; "));
		return badRequest(message.isEmpty() ? "Invalid request body" : message);
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> invalidParameters(HandlerMethodValidationException ex) {
		String message = ex.getAllErrors()
			.stream()
			.map((error) -> error.getDefaultMessage())
			.sorted()
			.collect(Collectors.joining("; "));
		return badRequest(message);
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> constraintViolation(ConstraintViolationException ex) {
		// The violation's own message names the parameter; the exception's prefixes the
		// Java method.
		return badRequest(ex.getConstraintViolations()
			.stream()
			.map(ConstraintViolation::getMessage)
			.sorted()
			.collect(Collectors.joining("; ")));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException ex) {
		JacksonException json = null;
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
			if (cause instanceof UpliftException api) {
				return api(api);
			}
			if (cause instanceof IllegalArgumentException) {
				return badRequest(cause.getMessage());
			}
			if (json == null && cause instanceof JacksonException jackson) {
				json = jackson;
			}
		}
		return badRequest((json != null) ? JsonMessages.describe(json) : "Malformed JSON body");
	}

	/**
	 * Tomcat's refusal of a query string (or form body) that is not valid percent-encoded
	 * UTF-8.
	 */
	@ExceptionHandler
	ResponseEntity<ErrorBody> invalidParameter(InvalidParameterException ex) {
		return badRequest(INVALID_PARAMETERS);
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return badRequest("Invalid value for '" + ex.getName() + "': " + ex.getValue());
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> missingParameter(MissingServletRequestParameterException ex) {
		return badRequest("Missing query parameter '" + ex.getParameterName() + "'");
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> noRoute(NoResourceFoundException ex) {
		return error(HttpStatus.NOT_FOUND).body(ErrorBody.of("No such route: /" + ex.getResourcePath()));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException ex) {
		return error(HttpStatus.METHOD_NOT_ALLOWED)
			.body(ErrorBody.of("Method " + ex.getMethod() + " is not allowed here"));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> notAcceptable(HttpMediaTypeNotAcceptableException ex) {
		return error(HttpStatus.NOT_ACCEPTABLE)
			.body(ErrorBody.of("This route answers application/json, which the Accept header does not allow"));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException ex) {
		return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.body(ErrorBody.of("Unsupported content type " + ex.getContentType() + "; send application/json"));
	}

	// Transactions that cannot get a connection (CannotCreateTransactionException), or
	// whose commit or rollback fails on a connection that broke underneath
	// (TransactionSystemException: with the JDBC transaction manager nothing else raises
	// it) are database outages too, not DataAccessExceptions.
	@ExceptionHandler({ CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessException.class, CannotCreateTransactionException.class,
			TransactionSystemException.class })
	ResponseEntity<ErrorBody> databaseUnavailable(Exception ex) {
		logger.warn("Database unavailable: {}", ex.getMessage());
		return api(new Unavailable("The database is unavailable; retry shortly", 5));
	}

	@ExceptionHandler
	ResponseEntity<ErrorBody> unexpected(Exception ex) {
		this.unexpectedErrors.record(ex);
		return error(HttpStatus.INTERNAL_SERVER_ERROR).body(ErrorBody.of("Internal server error"));
	}

	/**
	 * The one mapping of Uplift's exceptions to HTTP status codes, used by this advice
	 * and by the filters that answer before Spring MVC; a subclass maps as its nearest
	 * listed ancestor.
	 */
	static HttpStatus status(UpliftException ex) {
		for (Class<?> type = ex.getClass(); type != UpliftException.class; type = type.getSuperclass()) {
			HttpStatus status = STATUSES.get(type);
			if (status != null) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static final Map<Class<?>, HttpStatus> STATUSES = Map.of(InvalidInput.class, HttpStatus.BAD_REQUEST,
			Unauthorized.class, HttpStatus.UNAUTHORIZED, NotFound.class, HttpStatus.NOT_FOUND, Duplicate.class,
			HttpStatus.NOT_ACCEPTABLE, StateConflict.class, HttpStatus.CONFLICT, PayloadTooLarge.class,
			HttpStatus.CONTENT_TOO_LARGE, Unavailable.class, HttpStatus.SERVICE_UNAVAILABLE, NotOffered.class,
			HttpStatus.NOT_IMPLEMENTED);

	static final String INVALID_PARAMETERS = "Malformed query string: parameters must be percent-encoded UTF-8";

	private static ResponseEntity<ErrorBody> badRequest(String message) {
		return error(HttpStatus.BAD_REQUEST).body(ErrorBody.of(message));
	}

	/**
	 * An error answer, JSON whatever the request's Accept header asks for: with the
	 * content type set, Spring writes the body without negotiating, which failed (and
	 * turned into an empty answer with a logged stack trace) for an Accept that JSON does
	 * not satisfy.
	 */
	static ResponseEntity.BodyBuilder error(HttpStatusCode status) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
	}

	// Records name their components in Java's camelCase; the API's fields are snake_case.
	private static String describe(FieldError error) {
		return "'" + CAMEL_HUMP.matcher(error.getField()).replaceAll("$1_$2").toLowerCase(Locale.ROOT) + "' "
				+ error.getDefaultMessage();
	}

	private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

}
