package dev.uplift.stats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * The rows of a reference CSV written by one of the scipy scripts beside it, as test
 * arguments: the case's name, then the whole row.
 */
final class ReferenceRows {

	private ReferenceRows() {
	}

	static Stream<Arguments> of(String resource) throws IOException {
		try (InputStream in = ReferenceRows.class.getResourceAsStream(resource);
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			return reader.lines()
				.skip(1)
				.map((line) -> line.split(","))
				.map((row) -> Arguments.of(row[0], row))
				.toList()
				.stream();
		}
	}

}
