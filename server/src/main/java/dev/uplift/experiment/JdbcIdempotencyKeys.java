package dev.uplift.experiment;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Create Experiment's idempotency keys, per project. */
@Repository
class JdbcIdempotencyKeys {

	private static final String FORGET_EXPIRED = """
			DELETE FROM idempotency_keys
			WHERE project_id = :projectId AND idempotency_key = :key AND created_at < :expiredBefore
			""";

	// On PostgreSQL an insert that meets another transaction's uncommitted row waits for
	// it, then does nothing if it committed: concurrent retries see one winner.
	private static final String CLAIM = """
			INSERT INTO idempotency_keys (project_id, idempotency_key, request_hash, created_at)
			VALUES (:projectId, :key, :hash, :now)
			ON CONFLICT (project_id, idempotency_key) DO NOTHING
			""";

	private static final String FIND = """
			SELECT request_hash, response FROM idempotency_keys
			WHERE project_id = :projectId AND idempotency_key = :key
			""";

	private static final String ANSWER = """
			UPDATE idempotency_keys SET response = :response
			WHERE project_id = :projectId AND idempotency_key = :key
			""";

	private final JdbcClient jdbc;

	JdbcIdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes the key for this request unless a live one holds it; whether it was taken. A
	 * key older than {@code expiredBefore} is forgotten first.
	 */
	boolean claim(long projectId, String key, String requestHash, long now, long expiredBefore) {
		this.jdbc.sql(FORGET_EXPIRED)
			.param("projectId", projectId)
			.param("key", key)
			.param("expiredBefore", expiredBefore)
			.update();
		return this.jdbc.sql(CLAIM)
			.param("projectId", projectId)
			.param("key", key)
			.param("hash", requestHash)
			.param("now", now)
			.update() == 1;
	}

	Optional<StoredKey> find(long projectId, String key) {
		return this.jdbc.sql(FIND)
			.param("projectId", projectId)
			.param("key", key)
			.query((rs, row) -> new StoredKey(rs.getString("request_hash"), rs.getString("response")))
			.optional();
	}

	void answer(long projectId, String key, String response) {
		this.jdbc.sql(ANSWER).param("projectId", projectId).param("key", key).param("response", response).update();
	}

	/**
	 * A key in use.
	 *
	 * @param requestHash the SHA-256 of the request that took it
	 * @param response the answer to replay
	 */
	record StoredKey(String requestHash, String response) {
	}

}
