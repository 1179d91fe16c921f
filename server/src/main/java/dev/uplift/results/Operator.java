package dev.uplift.results;

import java.util.Arrays;
import java.util.Optional;

/** An operator of a {@code custom_filter} condition, as the digest §3.6 spells it. */
enum Operator {

	EQUALS("=="), NOT_EQUALS("!="), CONTAINS("**"), NOT_CONTAINS("!*"), EXISTS("ex"), NOT_EXISTS("nx"), GREATER(">"),
	GREATER_OR_EQUAL(">="), LESS("<"), LESS_OR_EQUAL("<=");

	private final String symbol;

	Operator(String symbol) {
		this.symbol = symbol;
	}

	String symbol() {
		return this.symbol;
	}

	/** Whether the condition needs a value ({@code ex} and {@code nx} do not). */
	boolean takesValue() {
		return this != EXISTS && this != NOT_EXISTS;
	}

	/** Whether the operator orders numbers, allowed on day and hour only. */
	boolean ordering() {
		return this == GREATER || this == GREATER_OR_EQUAL || this == LESS || this == LESS_OR_EQUAL;
	}

	static Optional<Operator> bySymbol(String symbol) {
		return Arrays.stream(values()).filter((operator) -> operator.symbol.equals(symbol)).findFirst();
	}

}
