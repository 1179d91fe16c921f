package dev.uplift.project;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.uplift.project.JdbcApiKeyRepository.ApiKeyRow;
import dev.uplift.error.NotFound;
import dev.uplift.error.StateConflict;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, lists, revokes and checks the API keys of organizations. */
@Service
class ApiKeyService {

	// Recording every use would turn each read into a write; once a minute is precise
	// enough.
	private static final long LAST_USED_RESOLUTION_MS = 60_000;

	private final JdbcApiKeyRepository keys;

	private final Clock clock;

	ApiKeyService(JdbcApiKeyRepository keys, Clock clock) {
		this.keys = keys;
		this.clock = clock;
	}

	/**
	 * Stores the given key (or a new random one when null) and returns it in clear, the
	 * only time it is shown.
	 */
	@Transactional
	CreatedKey create(long organizationId, String name, String key) {
		String clear = (key != null) ? key : Keys.random(Keys.API_KEY_LENGTH);
		long id = this.keys.insert(organizationId, name, clear.substring(0, 8), Keys.hash(clear), this.clock.millis());
		return new CreatedKey(id, name, clear);
	}

	/** The active key matching the given secret, compared in constant time. */
	@Transactional(readOnly = true)
	Optional<ApiKeyRow> find(String key) {
		String hash = Keys.hash(key);
		return this.keys.findActiveByHash(hash).filter((found) -> Keys.sameHash(found.keyHash(), hash));
	}

	/**
	 * Records that a key was used, at most once a minute, as one autocommitted statement
	 * outside any transaction: authenticated reads do not turn into write transactions
	 * that wait for the ingestion writer.
	 */
	void recordUse(ApiKeyRow row) {
		long now = this.clock.millis();
		if (row.lastUsedAt() == null || now - row.lastUsedAt() >= LAST_USED_RESOLUTION_MS) {
			this.keys.touch(row.id(), now);
		}
	}

	@Transactional(readOnly = true)
	List<ApiKeyRow> list(long organizationId) {
		return this.keys.listActive(organizationId);
	}

	/**
	 * Revokes a key of the organization. The organization's last active key is never
	 * revoked (nothing could create another), and the key that authenticates the request
	 * only when {@code confirmed}.
	 */
	@Transactional
	void revoke(long organizationId, long id, long callerKeyId, boolean confirmed) {
		this.keys.lockOrganization(organizationId);
		boolean active = this.keys.listActive(organizationId).stream().anyMatch((key) -> key.id() == id);
		if (!active) {
			throw new NotFound("API key", id);
		}
		if (this.keys.countActive(organizationId) <= 1) {
			throw new StateConflict("last active key", "API key " + id
					+ " is the organization's last active key and cannot be " + "revoked: create another key first");
		}
		if (id == callerKeyId && !confirmed) {
			throw new StateConflict("key of this request",
					"API key " + id + " is the key of this request: revoking it locks this "
							+ "client out; repeat with ?confirm=true to revoke it anyway");
		}
		this.keys.revoke(organizationId, id, this.clock.millis());
	}

	/**
	 * Takes the organization's row lock for the rest of the transaction: checks that
	 * count the organization's keys or projects run one after another.
	 */
	void lockOrganization(long organizationId) {
		this.keys.lockOrganization(organizationId);
	}

	/** A key just created, with its secret in clear. */
	record CreatedKey(long id, String name, String key) {
	}

}
