package dev.uplift.experiment;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.uplift.error.InvalidInput;

/**
 * The idempotency key of a Create Experiment request (docs/mida-v2-api.md §2.6) with the
 * hash of the request it came with: the same key and body replay the first answer for
 * {@link #LIFETIME}; the same key with another body is a conflict.
 *
 * @param value the key
 * @param requestHash SHA-256 of the request as bound, in hex
 */
record IdempotencyKey(String value, String requestHash) {

	static final int MAX_LENGTH = 200;

	static final Duration LIFETIME = Duration.ofHours(24);

	/**
	 * The key of this request, from the body's {@code idempotency_key} or the
	 * {@code x-idempotency-key} header, or null when it has none.
	 */
	static IdempotencyKey of(ExperimentRequest request, String header) {
		String body = request.idempotencyKey();
		if (body != null && header != null && !body.equals(header)) {
			throw new InvalidInput("idempotency_key",
					"'idempotency_key' and the x-idempotency-key header differ: send one key");
		}
		String key = (body != null) ? body : header;
		if (key == null) {
			return null;
		}
		if (key.isBlank() || key.length() > MAX_LENGTH || key.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInput("idempotency_key", "'idempotency_key' must be 1 to " + MAX_LENGTH
					+ " characters, not blank and without control characters");
		}
		// The request as bound, so that field order and spacing do not matter; the key
		// itself is not part of what it identifies.
		ObjectNode bound = JsonMapper.shared().valueToTree(request);
		bound.remove("idempotency_key");
		return new IdempotencyKey(key, sha256(JsonMapper.shared().writeValueAsBytes(bound)));
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
