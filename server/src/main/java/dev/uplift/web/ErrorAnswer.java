package dev.uplift.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An error a handler answers beyond those every route can (400, 401, 404, 406, 415, 503):
 * its status and when, listed with the error body in the OpenAPI document. Unlike
 * springdoc's {@code @ApiResponse}, it leaves the success answer to be described from the
 * handler's return type.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ErrorAnswer.List.class)
public @interface ErrorAnswer {

	/** The status code, such as 409. */
	int status();

	/** When the handler answers it. */
	String description();

	/** Several errors of one handler. */
	@Documented
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	@interface List {

		ErrorAnswer[] value();

	}

}
