package dev.uplift.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * A switch as Mida writes it, {@code 0} or {@code 1}, also read from {@code false} and
 * {@code true}; anything else is a 400 that says "must be 0 or 1" ({@link JsonMessages}).
 * Use it with {@code @JsonDeserialize(using = Flag.class)} on a {@code Boolean}.
 */
public class Flag extends ValueDeserializer<Boolean> {

	@Override
	public Boolean deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
			return token == JsonToken.VALUE_TRUE;
		}
		if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
			int value = parser.getIntValue();
			if (value == 0 || value == 1) {
				return value == 1;
			}
		}
		return context.reportInputMismatch(Flag.class, "must be 0 or 1");
	}

}
