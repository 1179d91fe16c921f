package dev.uplift.project;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Random keys and their stored hashes. */
final class Keys {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom random = new SecureRandom();

	static final int PROJECT_KEY_LENGTH = 22;

	// 48 characters of base 62: about 285 bits, far beyond guessing.
	static final int API_KEY_LENGTH = 48;

	static final int MIN_API_KEY_LENGTH = 32;

	private Keys() {
	}

	static String random(int length) {
		StringBuilder key = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return key.toString();
	}

	static boolean isProjectKey(String value) {
		return value != null && value.length() == PROJECT_KEY_LENGTH && value.chars().allMatch(Keys::isBase62);
	}

	/**
	 * SHA-256 of the key in hex; API keys are long random strings, so a fast hash is
	 * enough.
	 */
	static String hash(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	/** Compares two hashes in time independent of where they differ. */
	static boolean sameHash(String expected, String actual) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				actual.getBytes(StandardCharsets.US_ASCII));
	}

	private static boolean isBase62(int c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
	}

}
