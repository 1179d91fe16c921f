package dev.uplift.experiment;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Tokens of public share links: 256 random bits, URL-safe base64 without padding (43
 * characters).
 */
final class ShareToken {

	static final int MAX_LENGTH = 64;

	private static final int BYTES = 32;

	private static final SecureRandom random = new SecureRandom();

	private ShareToken() {
	}

	static String random() {
		byte[] bytes = new byte[BYTES];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
