package dev.uplift.project;

import java.time.ZoneId;

/**
 * The project a request acts on, resolved from the path's {@code project_key} and, on
 * control-plane routes, authorised by the caller's API key. Controllers take it as a
 * parameter.
 *
 * @param id internal project id
 * @param organizationId owning organization, exposed as {@code company_id}
 * @param projectKey public 22-character key
 * @param timeZone reporting time zone: the days of date windows and rollups
 * @param storageQuotaBytes the bytes of events its log may keep, the project's own quota
 * or else the server's (docs/operations.md, storage quotas); 0 for no quota
 */
public record ProjectContext(long id, long organizationId, String projectKey, ZoneId timeZone, long storageQuotaBytes) {

	/** A project without a storage quota. */
	public ProjectContext(long id, long organizationId, String projectKey, ZoneId timeZone) {
		this(id, organizationId, projectKey, timeZone, 0);
	}

}
