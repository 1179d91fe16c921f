package dev.uplift.operations;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes events of the log older than the retention period, a chunk per transaction, so
 * that the ingestion writer takes its turn between chunks (docs/operations.md,
 * retention). Runs on a thread of its own at the configured interval, when a period is
 * set.
 */
@Component
class EventRetention implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(EventRetention.class);

	/** Events deleted in one transaction. */
	static final int CHUNK = 5_000;

	private static final String PROJECTS = "SELECT id FROM projects";

	private static final String DELETE_CHUNK = """
			DELETE FROM event_log WHERE project_id = :projectId AND event_id IN (
			    SELECT event_id FROM event_log WHERE project_id = :projectId AND occurred_at < :before LIMIT :chunk)
			""" + LogUsage.DELETED_BYTES;

	private final RetentionProperties properties;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private volatile ScheduledExecutorService scheduler;

	EventRetention(RetentionProperties properties, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
		this.properties = properties;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Deletes every logged event older than the retention period; returns how many. Does
	 * nothing when no period is set.
	 */
	long purge() {
		if (this.properties.retentionDays() == 0) {
			return 0;
		}
		long before = this.clock.millis() - Duration.ofDays(this.properties.retentionDays()).toMillis();
		long deleted = 0;
		List<Long> projects = this.jdbc.sql(PROJECTS).query(Long.class).list();
		for (long projectId : projects) {
			int chunk;
			do {
				chunk = this.transactions.execute((status) -> deleteChunk(projectId, before));
				deleted += chunk;
			}
			while (chunk == CHUNK);
		}
		if (deleted > 0) {
			logger.info("Retention: deleted {} events older than {} days", deleted, this.properties.retentionDays());
		}
		return deleted;
	}

	/** Deletes one chunk of old events of the project; returns how many. */
	private int deleteChunk(long projectId, long before) {
		List<Long> bytes = this.jdbc.sql(DELETE_CHUNK)
			.param("projectId", projectId)
			.param("before", before)
			.param("chunk", CHUNK)
			.query(Long.class)
			.list();
		LogUsage.release(this.jdbc, projectId, bytes.size(), bytes.stream().mapToLong(Long::longValue).sum());
		return bytes.size();
	}

	@Override
	public void start() {
		if (this.properties.retentionDays() == 0) {
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "uplift-retention");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.retentionInterval().toMillis();
		executor.scheduleWithFixedDelay(this::purgeLogged, interval, interval, TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	private void purgeLogged() {
		try {
			purge();
		}
		catch (RuntimeException ex) {
			logger.warn("Retention: deleting old events failed; retrying at the next interval: {}", ex.toString());
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		this.scheduler = null;
		if (executor != null) {
			executor.shutdownNow();
			try {
				executor.awaitTermination(1, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
