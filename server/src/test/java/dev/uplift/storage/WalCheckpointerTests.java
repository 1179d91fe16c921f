package dev.uplift.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The embedded database's log goes back into the database file from the checkpointer's
 * thread: connections never checkpoint themselves, so without it the file would not grow
 * at all.
 */
class WalCheckpointerTests extends IntegrationTest {

	@Autowired
	private StorageProperties storage;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void eventsReachTheDatabaseFileWhileEveryConnectionStaysOpen() throws Exception {
		assumeTrue(this.storage.embedded(), "SQLite only: PostgreSQL checkpoints itself");
		Path file = this.storage.dataDir().resolve("uplift.db");
		long testId = Experiments.create(this.api, project(""), "Checkpointed", "checkpointed-goal", 1);
		// Let a checkpoint catch up with what earlier tests wrote, then measure from
		// there.
		Thread.sleep(WalCheckpointer.INTERVAL.multipliedBy(3).toMillis());
		long before = Files.size(file);
		for (int request = 0; request < 20; request++) {
			List<Map<String, Object>> events = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				String id = "wal-" + request + "-" + i;
				events.add(Events.exposure(id, id, testId, i % 2));
			}
			assertThat(
					this.anonymous.post("/v2/project/" + PROJECT_KEY + "/collect", Map.of("events", events)).status())
				.isEqualTo(202);
		}
		long deadline = System.nanoTime() + WalCheckpointer.INTERVAL.multipliedBy(50).toNanos();
		while (Files.size(file) <= before && System.nanoTime() < deadline) {
			Thread.sleep(WalCheckpointer.INTERVAL.toMillis());
		}
		assertThat(Files.size(file)).isGreaterThan(before);
	}

	@Test
	void theDatabaseFileIsCreatedWithLargePagesInWalMode() {
		assumeTrue(this.storage.embedded(), "SQLite only");
		assertThat(this.jdbc.sql("PRAGMA page_size").query(Long.class).single()).isEqualTo(16_384);
		assertThat(this.jdbc.sql("PRAGMA journal_mode").query(String.class).single()).isEqualTo("wal");
	}

}
