package dev.uplift.project;

import java.time.ZoneId;

/**
 * A site or app of an organization: the scope of experiments, goals, events and visitors.
 * {@code storageQuotaBytes} is the quota in force, its own or the server's (0: none).
 */
record Project(long id, long organizationId, String projectKey, String websiteName, String widgetName,
		String allowedWebsite, long monthlyAverageTraffic, ZoneId timeZone, int status, boolean consentRequired,
		long createdAt, long updatedAt, long storageQuotaBytes) {

	static final int ACTIVE = 1;

	static final int DELETED = 2;

	boolean deleted() {
		return this.status == DELETED;
	}

	ProjectContext context() {
		return new ProjectContext(this.id, this.organizationId, this.projectKey, this.timeZone, this.storageQuotaBytes);
	}

}
