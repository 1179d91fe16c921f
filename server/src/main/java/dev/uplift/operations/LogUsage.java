package dev.uplift.operations;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps a project's storage usage exact when events leave its log (docs/operations.md,
 * storage quotas): every deletion from {@code event_log} takes its events and bytes out.
 */
final class LogUsage {

	/**
	 * Measures a deleted event as ingestion counted it: the bytes of its JSON in UTF-8.
	 */
	static final String DELETED_BYTES = "RETURNING octet_length(body)";

	// Into shard 0, which may go below zero on PostgreSQL: the project's usage is the sum
	// of its shards.
	private static final String RELEASE = """
			INSERT INTO project_usage (project_id, shard, events, bytes) VALUES (:projectId, 0, :events, :bytes)
			ON CONFLICT (project_id, shard) DO UPDATE
			SET events = project_usage.events + excluded.events, bytes = project_usage.bytes + excluded.bytes
			""";

	private LogUsage() {
	}

	/** Takes deleted events out of the project's usage, in the deleting transaction. */
	static void release(JdbcClient jdbc, long projectId, long events, long bytes) {
		if (events == 0) {
			return;
		}
		jdbc.sql(RELEASE).param("projectId", projectId).param("events", -events).param("bytes", -bytes).update();
	}

}
