package dev.uplift.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A second organization and its project, written straight into the database: the API
 * cannot create organizations.
 */
public final class Organizations {

	private Organizations() {
	}

	/** Inserts an organization and returns its id. */
	public static long insert(JdbcClient jdbc, String name) {
		return jdbc.sql("INSERT INTO organizations (name, created_at) VALUES (?, 0) RETURNING id")
			.param(name)
			.query(Long.class)
			.single();
	}

	/**
	 * Inserts an organization with one project of the given key and returns the
	 * organization's id.
	 */
	public static long insertWithProject(JdbcClient jdbc, String name, String projectKey) {
		long organization = insert(jdbc, name);
		jdbc.sql("""
				INSERT INTO projects (organization_id, project_key, website_name, widget_name, allowed_website,
				                      created_at, updated_at)
				VALUES (?, ?, ?, ?, '*', 0, 0)
				""").param(organization).param(projectKey).param(name).param(name).update();
		return organization;
	}

	/** Inserts an active API key of the organization with this secret. */
	public static void insertKey(JdbcClient jdbc, long organization, String key) {
		String hash;
		try {
			hash = HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		jdbc.sql("""
				INSERT INTO api_keys (organization_id, name, prefix, key_hash, created_at)
				VALUES (?, 'test', ?, ?, 0)
				""").param(organization).param(key.substring(0, 8)).param(hash).update();
	}

}
