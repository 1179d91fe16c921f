package dev.uplift.experiment;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * A string field that also takes a number, kept as written: Mida's clients send a scroll
 * depth or a duration as {@code 50} as often as {@code "50"}.
 */
class TextOrNumber extends ValueDeserializer<String> {

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
				|| parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
			return parser.getNumberValue().toString();
		}
		if (parser.currentToken() == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		return (String) context.handleUnexpectedToken(String.class, parser);
	}

}
