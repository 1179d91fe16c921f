package dev.uplift.client;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The hand-written JSON codec, checked against Jackson as an independent reader. */
class JsonTests {

	private static final JsonMapper jackson = JsonMapper.builder().build();

	@Test
	void encodeEscapesQuotesBackslashesAndControlCharacters() {
		String tricky = "say \"hi\"\\ \n\r\t\b\f \u0000\u001f \u2028 é 😀 </script>";
		String encoded = Json.encode(tricky);
		assertThat(encoded).isEqualTo("\"say \\\"hi\\\"\\\\ \\n\\r\\t\\b\\f \\u0000\\u001f \\u2028 é 😀 </script>\"");
		assertThat(jackson.readTree(encoded).asString()).isEqualTo(tricky);
		assertThat(Json.parse(encoded)).isEqualTo(tricky);
	}

	@Test
	void encodeEscapesLoneSurrogatesSoTheTextStaysValidUtf8() {
		String encoded = Json.encode("a\uD800b\uDC00");
		assertThat(encoded).isEqualTo("\"a\\ud800b\\udc00\"");
		assertThat(Json.parse(encoded)).isEqualTo("a\uD800b\uDC00");
	}

	@Test
	void encodeWritesNestedValuesThatJacksonReadsBack() {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("revenue", 49.99);
		value.put("quantity", 1);
		value.put("big", new BigDecimal("12345678901234567890.5"));
		value.put("ok", true);
		value.put("none", null);
		value.put("items", List.of("a", 'b', Map.of("id", 7L)));
		value.put("array", new int[] { 1, 2 });
		value.put("unit", TimeUnit.SECONDS);
		String encoded = Json.encode(value);
		assertThat(encoded).isEqualTo("{\"revenue\":49.99,\"quantity\":1,\"big\":12345678901234567890.5,\"ok\":true,"
				+ "\"none\":null,\"items\":[\"a\",\"b\",{\"id\":7}],\"array\":[1,2],\"unit\":\"SECONDS\"}");
		JsonNode tree = jackson.readTree(encoded);
		assertThat(tree.get("revenue").doubleValue()).isEqualTo(49.99);
		assertThat(tree.at("/items/2/id").asLong()).isEqualTo(7);
	}

	@Test
	void encodeRefusesWhatJsonCannotHold() {
		assertThatIllegalArgumentException().isThrownBy(() -> Json.encode(Double.POSITIVE_INFINITY));
		assertThatIllegalArgumentException().isThrownBy(() -> Json.encode(Float.NaN));
		assertThatIllegalArgumentException().isThrownBy(() -> Json.encode(Map.of(1, "a")));
		assertThatIllegalArgumentException().isThrownBy(() -> Json.encode(new Object()));
		List<Object> cycle = new ArrayList<>();
		cycle.add(cycle);
		assertThatIllegalArgumentException().isThrownBy(() -> Json.encode(cycle)).withMessageContaining("cycle");
	}

	@Test
	void parseReadsEveryKindOfValue() {
		Object parsed = Json.parse(" {\"version\" : \"Variant 1\", \"n\": -12, \"x\": 1.5e2,"
				+ " \"a\": [true, false, null], \"s\": \"\\u00e9\\/\\\"\", \"o\": {}} ");
		assertThat(parsed).isEqualTo(Map.of("version", "Variant 1", "n", -12L, "x", 150.0, "a",
				Arrays.asList(true, false, null), "s", "é/\"", "o", Map.of()));
		assertThat(Json.parse("null")).isNull();
		assertThat(Json.parse("[]")).isEqualTo(List.of());
	}

	@Test
	void parseRefusesMalformedText() {
		for (String text : List.of("", "{", "{\"a\":}", "{\"a\" 1}", "[1,]", "01", "1.", "tru", "\"open", "{} x",
				"\"tab\there\"", "\"\\x\"", "\"\\u12\"", "{a:1}", "[".repeat(100))) {
			assertThatIllegalArgumentException().as(text)
				.isThrownBy(() -> Json.parse(text))
				.withMessageStartingWith("Malformed JSON");
		}
	}

}
