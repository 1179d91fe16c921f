package dev.uplift.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class UnexpectedErrorsTests {

	private final UnexpectedErrors errors = new UnexpectedErrors();

	@Test
	void recordWhenSameKindRepeatsLogsOneStackTraceOnly(CapturedOutput output) {
		for (int i = 0; i < 1000; i++) {
			this.errors.record(failure("request " + i));
		}
		assertThat(countOf(output.getOut(), "Unexpected error")).isEqualTo(1);
		assertThat(countOf(output.getOut(), "at dev.uplift.web.UnexpectedErrorsTests.failure")).isEqualTo(1);
	}

	@Test
	void recordWhenKindsDifferLogsEachOnce(CapturedOutput output) {
		for (int i = 0; i < 100; i++) {
			this.errors.record(failure("a"));
			this.errors.record(new IllegalStateException("b"));
		}
		assertThat(countOf(output.getOut(), "Unexpected error")).isEqualTo(2);
	}

	private static RuntimeException failure(String message) {
		return new IllegalArgumentException(message);
	}

	private static int countOf(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

}
