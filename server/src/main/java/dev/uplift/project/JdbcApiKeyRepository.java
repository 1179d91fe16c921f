package dev.uplift.project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.uplift.storage.Columns;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API keys, stored as hashes. */
@Repository
class JdbcApiKeyRepository {

	private static final String INSERT = """
			INSERT INTO api_keys (organization_id, name, prefix, key_hash, created_at)
			VALUES (:organizationId, :name, :prefix, :keyHash, :now)
			RETURNING id
			""";

	private static final String COLUMNS = "id, organization_id, name, prefix, key_hash, created_at, last_used_at";

	private static final String FIND_ACTIVE_BY_HASH = "SELECT " + COLUMNS
			+ " FROM api_keys WHERE key_hash = :keyHash AND revoked_at IS NULL";

	private static final String LIST_ACTIVE = "SELECT " + COLUMNS
			+ " FROM api_keys WHERE organization_id = :organizationId AND revoked_at IS NULL ORDER BY id";

	private static final String REVOKE = """
			UPDATE api_keys SET revoked_at = :now
			WHERE id = :id AND organization_id = :organizationId AND revoked_at IS NULL
			""";

	// Takes the organization's row lock (on PostgreSQL; SQLite locks the database for any
	// write), so that concurrent revocations of an organization's keys count its active
	// keys one after another.
	private static final String LOCK_ORGANIZATION = "UPDATE organizations SET id = id WHERE id = :organizationId";

	private static final String COUNT_ACTIVE = "SELECT COUNT(*) FROM api_keys WHERE organization_id = :organizationId AND revoked_at IS NULL";

	private static final String TOUCH = "UPDATE api_keys SET last_used_at = :now WHERE id = :id";

	private final JdbcClient jdbc;

	JdbcApiKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(long organizationId, String name, String prefix, String keyHash, long now) {
		return this.jdbc.sql(INSERT)
			.param("organizationId", organizationId)
			.param("name", name)
			.param("prefix", prefix)
			.param("keyHash", keyHash)
			.param("now", now)
			.query(Long.class)
			.single();
	}

	Optional<ApiKeyRow> findActiveByHash(String keyHash) {
		return this.jdbc.sql(FIND_ACTIVE_BY_HASH).param("keyHash", keyHash).query(JdbcApiKeyRepository::row).optional();
	}

	List<ApiKeyRow> listActive(long organizationId) {
		return this.jdbc.sql(LIST_ACTIVE)
			.param("organizationId", organizationId)
			.query(JdbcApiKeyRepository::row)
			.list();
	}

	boolean revoke(long organizationId, long id, long now) {
		return this.jdbc.sql(REVOKE)
			.param("id", id)
			.param("organizationId", organizationId)
			.param("now", now)
			.update() == 1;
	}

	/**
	 * Locks the organization's keys against concurrent revocation until the transaction
	 * ends.
	 */
	void lockOrganization(long organizationId) {
		this.jdbc.sql(LOCK_ORGANIZATION).param("organizationId", organizationId).update();
	}

	long countActive(long organizationId) {
		return this.jdbc.sql(COUNT_ACTIVE).param("organizationId", organizationId).query(Long.class).single();
	}

	void touch(long id, long now) {
		this.jdbc.sql(TOUCH).param("id", id).param("now", now).update();
	}

	private static ApiKeyRow row(ResultSet rs, int row) throws SQLException {
		return new ApiKeyRow(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("name"),
				rs.getString("prefix"), rs.getString("key_hash"), rs.getLong("created_at"),
				Columns.nullableLong(rs, "last_used_at"));
	}

	/** A stored API key; {@code lastUsedAt} is null until first use. */
	record ApiKeyRow(long id, long organizationId, String name, String prefix, String keyHash, long createdAt,
			Long lastUsedAt) {
	}

}
