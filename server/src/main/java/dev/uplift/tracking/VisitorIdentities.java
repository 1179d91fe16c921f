package dev.uplift.tracking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.uplift.error.InvalidInput;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who a visitor is: the links that the browser script's {@code identify()} and the SDKs'
 * identify call make from a visitor id to the site's user id or e-mail. Both are personal
 * data and are kept only as HMAC-SHA256 digests keyed with a random salt of the project
 * (docs/security.md, visitor identities): the Events API digests the identifier it is
 * given and looks the digest up. An identity names the visitor it was last linked to.
 */
@Service
class VisitorIdentities {

	/** The longest e-mail address (RFC 5321's path limit) and user id taken. */
	static final int MAX_EMAIL = 254;

	static final int MAX_USER_ID = 256;

	private static final String SALT = "SELECT salt FROM identity_salts WHERE project_id = :projectId";

	private static final String INSERT_SALT = """
			INSERT INTO identity_salts (project_id, salt) VALUES (:projectId, :salt) ON CONFLICT (project_id) DO NOTHING
			""";

	private static final String LINK = """
			INSERT INTO visitor_identities (project_id, kind, identity_hash, visitor_id, identified_at)
			VALUES (:projectId, :kind, :hash, :visitorId, :now)
			ON CONFLICT (project_id, kind, identity_hash)
			DO UPDATE SET visitor_id = excluded.visitor_id, identified_at = excluded.identified_at
			""";

	private static final String VISITOR = """
			SELECT visitor_id FROM visitor_identities WHERE project_id = :projectId AND kind = :kind AND identity_hash = :hash
			""";

	private static final String IDENTIFIED = """
			SELECT 1 FROM visitor_identities WHERE project_id = :projectId AND visitor_id = :visitorId LIMIT 1
			""";

	private static final String ENTERED = """
			SELECT 1 FROM assignments WHERE project_id = :projectId AND visitor_id = :visitorId LIMIT 1
			""";

	private static final SecureRandom random = new SecureRandom();

	/** Salts never change once drawn: each node keeps those it has read. */
	private final Map<Long, byte[]> salts = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final Clock clock;

	VisitorIdentities(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Links the visitor to each identity given; at least one must be. Each link is one
	 * statement, committed on its own: no transaction spans the salt's draw.
	 */
	void link(long projectId, String visitorId, String userId, String email) {
		if (userId == null && email == null) {
			throw new InvalidInput("id", "Send 'id' (the site's user id) or 'email', or both");
		}
		if (userId != null) {
			store(projectId, Kind.ID, userId, visitorId);
		}
		if (email != null) {
			store(projectId, Kind.EMAIL, email, visitorId);
		}
	}

	/** The visitor last linked to this identity, if any. */
	Optional<String> visitorOf(long projectId, Kind kind, String value) {
		return this.jdbc.sql(VISITOR)
			.param("projectId", projectId)
			.param("kind", kind.column)
			.param("hash", digest(projectId, kind.normalized(value)))
			.query(String.class)
			.optional();
	}

	/**
	 * Whether the project has seen the visitor: entered an experiment, or identified.
	 */
	boolean known(long projectId, String visitorId) {
		return seen(ENTERED, projectId, visitorId) || seen(IDENTIFIED, projectId, visitorId);
	}

	private boolean seen(String sql, long projectId, String visitorId) {
		return this.jdbc.sql(sql)
			.param("projectId", projectId)
			.param("visitorId", visitorId)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	private void store(long projectId, Kind kind, String value, String visitorId) {
		this.jdbc.sql(LINK)
			.param("projectId", projectId)
			.param("kind", kind.column)
			.param("hash", digest(projectId, kind.normalized(value)))
			.param("visitorId", visitorId)
			.param("now", this.clock.millis())
			.update();
	}

	private String digest(long projectId, String value) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(salt(projectId), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

	/**
	 * The project's salt, drawn by whichever node needs it first; a concurrent draw on
	 * another node loses on the primary key and reads the winner's. Outside any
	 * transaction, so that what a node keeps is committed.
	 */
	private byte[] salt(long projectId) {
		return this.salts.computeIfAbsent(projectId, (id) -> {
			byte[] drawn = new byte[32];
			random.nextBytes(drawn);
			this.jdbc.sql(INSERT_SALT).param("projectId", id).param("salt", HexFormat.of().formatHex(drawn)).update();
			return HexFormat.of().parseHex(this.jdbc.sql(SALT).param("projectId", id).query(String.class).single());
		});
	}

	/** What identifies a visitor, and how its value is compared. */
	enum Kind {

		/** The site's own user id, compared exactly. */
		ID("id", MAX_USER_ID),

		/** An e-mail address, compared without case and surrounding blanks. */
		EMAIL("email", MAX_EMAIL);

		private final String column;

		private final int maxLength;

		Kind(String column, int maxLength) {
			this.column = column;
			this.maxLength = maxLength;
		}

		/** The value as compared; 400 naming {@code field} when it is not usable. */
		String checked(String field, String value) {
			if (value == null || value.isBlank() || value.length() > this.maxLength) {
				throw new InvalidInput(field, "'" + field + "' must be 1 to " + this.maxLength + " characters");
			}
			if (this == EMAIL && !value.contains("@")) {
				throw new InvalidInput(field, "'" + field + "' must be an e-mail address");
			}
			return value;
		}

		private String normalized(String value) {
			return (this == EMAIL) ? value.strip().toLowerCase(Locale.ROOT) : value;
		}

	}

}
