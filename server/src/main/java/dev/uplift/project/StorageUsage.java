package dev.uplift.project;

/**
 * What a project's event log keeps, against its storage quota.
 *
 * @param quotaBytes the bytes of events the log may keep, 0 for no quota
 * @param events events kept
 * @param bytes bytes of those events (their JSON in UTF-8)
 */
public record StorageUsage(long quotaBytes, long events, long bytes) {
}
