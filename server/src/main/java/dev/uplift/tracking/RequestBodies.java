package dev.uplift.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import dev.uplift.error.InvalidInput;
import dev.uplift.error.PayloadTooLarge;
import dev.uplift.error.UpliftException;
import dev.uplift.web.JsonMessages;

import org.springframework.http.MediaType;

/**
 * Reads bounded request bodies of the tracking routes, whatever their content type, and
 * writes the collect route's answer.
 */
final class RequestBodies {

	private static final JsonMapper json = JsonMapper.builder().build();

	// Reads one value of a body and stops there, however much of the body follows it.
	private static final ObjectReader oneValue = json.readerFor(JsonNode.class)
		.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private RequestBodies() {
	}

	/**
	 * The body parsed as JSON (sent as application/json or, by sendBeacon, text/plain);
	 * 413 beyond the limit.
	 */
	static JsonNode json(HttpServletRequest request, int maxBytes) {
		return parse(bytes(request, maxBytes));
	}

	/**
	 * The {@code events} array of a collect body (sent as application/json or, by
	 * sendBeacon, text/plain); 413 beyond the byte limit or beyond {@code maxEvents}.
	 */
	static List<SentEvent> events(HttpServletRequest request, int maxBytes, int maxEvents) {
		return events(bytes(request, maxBytes), maxEvents);
	}

	/**
	 * The {@code events} array of a collect body, each event with its text cut from the
	 * body: writing each parsed event out again took as long as parsing the body
	 * (docs/performance.md). Other properties of the body are skipped; where
	 * {@code events} is given twice, the last counts.
	 */
	static List<SentEvent> events(byte[] body, int maxEvents) {
		requireContent(body);
		List<SentEvent> events = null;
		int count = 0;
		try (JsonParser parser = json.createParser(body)) {
			// A body that is not an object is read to its end all the same: malformed
			// JSON is told first.
			boolean object = parser.nextToken() == JsonToken.START_OBJECT;
			while (object && parser.nextToken() == JsonToken.PROPERTY_NAME) {
				boolean named = "events".equals(parser.currentName());
				if (named && parser.nextToken() == JsonToken.START_ARRAY) {
					events = new ArrayList<>();
					count = readEvents(parser, body, maxEvents, events);
					continue;
				}
				if (named) {
					events = null; // the last "events" counts, and this one is not an
									// array
				}
				else {
					parser.nextToken();
				}
				parser.skipChildren();
			}
			if (!object) {
				parser.skipChildren();
			}
			requireEnd(parser);
		}
		catch (JacksonException ex) {
			throw malformed(ex);
		}
		if (events == null) {
			throw notCollectBody();
		}
		if (count > maxEvents) {
			throw new PayloadTooLarge("At most " + maxEvents + " events per request; got " + count);
		}
		return events;
	}

	static JsonNode parse(byte[] body) {
		requireContent(body);
		try {
			return json.readTree(body);
		}
		catch (JacksonException ex) {
			throw malformed(ex);
		}
	}

	/**
	 * One line of an NDJSON import: the event and its text, the line without surrounding
	 * white space.
	 */
	static SentEvent parseLine(String line) {
		try {
			return new SentEvent(json.readTree(line), line.strip());
		}
		catch (JacksonException ex) {
			throw new EventParser.InvalidEvent("malformed JSON: " + ex.getOriginalMessage());
		}
	}

	/**
	 * Writes a JSON answer with its length, past Spring's content negotiation and message
	 * converters, which took 7 % of a single-event collect request's thread time
	 * (docs/performance.md). Errors still go through the API's one error shape: they are
	 * thrown before anything is written.
	 */
	static void answer(HttpServletResponse response, int status, Object body) throws IOException {
		byte[] bytes = json.writeValueAsBytes(body);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	private static byte[] bytes(HttpServletRequest request, int maxBytes) {
		if (request.getContentLengthLong() > maxBytes) {
			throw tooLarge(maxBytes);
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(maxBytes + 1);
		}
		catch (IOException ex) {
			throw new InvalidInput("Could not read the request body");
		}
		if (body.length > maxBytes) {
			throw tooLarge(maxBytes);
		}
		return body;
	}

	/**
	 * Reads the array at the parser into {@code events}, at most {@code maxEvents} of
	 * them, and skips the rest: the answer is 400, not 413, when the body is not JSON,
	 * however many events it has. Returns how many the array holds.
	 */
	private static int readEvents(JsonParser parser, byte[] body, int maxEvents, List<SentEvent> events) {
		int count = 0;
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			count++;
			if (count > maxEvents) {
				parser.skipChildren();
			}
			else {
				events.add(event(parser, body));
			}
		}
		return count;
	}

	/**
	 * The value at the parser's current token, and its text from the body it is parsed
	 * from. A body in UTF-16 or UTF-32 is read as characters, without byte offsets: its
	 * events are written out.
	 */
	private static SentEvent event(JsonParser parser, byte[] body) {
		int start = (int) parser.currentTokenLocation().getByteOffset();
		JsonNode event = oneValue.readValue(parser);
		if (start < 0) {
			return SentEvent.built(event);
		}
		int end = (int) parser.currentLocation().getByteOffset();
		return new SentEvent(event, new String(body, start, end - start, StandardCharsets.UTF_8));
	}

	private static void requireContent(byte[] body) {
		if (body.length == 0) {
			throw new InvalidInput("Request body is empty; send JSON");
		}
	}

	/** Nothing but white space may follow the body's JSON value. */
	private static void requireEnd(JsonParser parser) {
		if (parser.nextToken() != null) {
			throw new InvalidInput("Malformed JSON: content after the end of the JSON value");
		}
	}

	private static UpliftException malformed(JacksonException ex) {
		return new InvalidInput(JsonMessages.describe(ex));
	}

	private static UpliftException notCollectBody() {
		return new InvalidInput("Body must be a JSON object with an 'events' array");
	}

	private static UpliftException tooLarge(int maxBytes) {
		return new PayloadTooLarge("Request body is larger than " + maxBytes + " bytes");
	}

}
