package dev.uplift.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors raised outside the MVC handlers (servlet container, filters) with the
 * API's error body.
 */
@RestController
class JsonErrorController implements ErrorController {

	@RequestMapping("/error")
	ResponseEntity<ErrorBody> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		return ApiExceptionHandler.error(status).body(ErrorBody.of(status.getReasonPhrase()));
	}

}
