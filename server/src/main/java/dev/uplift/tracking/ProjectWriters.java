package dev.uplift.tracking;

import dev.uplift.storage.Dialect;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets another feature change a project's per-visitor rows and rollups (visitor deletion)
 * while no ingestion transaction of the project runs, on any node.
 */
@Component
public class ProjectWriters {

	private static final String HOLD_OFF_POSTGRESQL = "SELECT count(pg_advisory_xact_lock(?))";

	private final Dialect dialect;

	private final JdbcTemplate template;

	ProjectWriters(Dialect dialect, JdbcTemplate template) {
		this.dialect = dialect;
		this.template = template;
	}

	/**
	 * Waits for the project's ingestion transactions in flight and keeps new ones out
	 * until the caller's transaction ends. The project's {@code write_seq} moves on, so a
	 * segment index built before the change rebuilds.
	 */
	public void holdOff(long projectId) {
		this.template.update(IngestionStatements.LOCK_PROJECT, projectId);
		if (this.dialect == Dialect.POSTGRESQL) {
			// Ingestion holds the project's advisory lock shared (VisitorLocks): the
			// exclusive one waits for every writer of the project and holds new ones off.
			this.template.queryForObject(HOLD_OFF_POSTGRESQL, Long.class, VisitorLocks.projectKey(projectId));
		}
	}

}
