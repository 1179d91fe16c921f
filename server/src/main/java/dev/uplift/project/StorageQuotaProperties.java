package dev.uplift.project;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The server's storage quota (docs/operations.md, storage quotas).
 *
 * @param storagePerProject the bytes of events a project's log may keep unless the
 * project has a quota of its own; 0 for no quota
 */
@ConfigurationProperties("uplift.quotas")
record StorageQuotaProperties(@DefaultValue("10GB") DataSize storagePerProject) {

	StorageQuotaProperties {
		if (storagePerProject.isNegative()) {
			throw new IllegalArgumentException("uplift.quotas.storage-per-project must be 0 (no quota) or more");
		}
	}

	/** The project's quota in bytes: its own when set, else the server's. */
	long resolve(Long own) {
		return (own != null) ? own : this.storagePerProject.toBytes();
	}

	/**
	 * Whether a project's own quota gives it more than the server's, which only the
	 * operator may grant.
	 */
	boolean raises(long own) {
		long server = this.storagePerProject.toBytes();
		return server > 0 && (own == 0 || own > server);
	}

}
