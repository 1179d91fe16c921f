package dev.uplift.results;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads do not wait for writers: while a write transaction holds SQLite's write lock (or
 * a project row lock on PostgreSQL), results and experiment details are still answered,
 * from a snapshot.
 */
class ResultWhileWritingTests extends IntegrationTest {

	@Autowired
	@Qualifier("writePool")
	private DataSource writePool;

	@Test
	void resultWhileAWriteTransactionIsOpenIsAnsweredWithoutWaitingForIt() throws Exception {
		long testId = Experiments.create(this.api, project(""), "While writing", "while-writing-goal", 1);
		assertThat(this.api.get(project("/experiment/" + testId)).status()).isEqualTo(200);
		try (Connection writer = this.writePool.getConnection()) {
			writer.setAutoCommit(false);
			try (Statement statement = writer.createStatement()) {
				statement.executeUpdate("UPDATE projects SET write_seq = write_seq + 1");
			}
			CompletableFuture<Response> result = CompletableFuture
				.supplyAsync(() -> this.api.get(project("/experiment/" + testId + "/result")));
			CompletableFuture<Response> details = CompletableFuture
				.supplyAsync(() -> this.api.get(project("/experiment/" + testId)));
			// Far below SQLite's busy timeout (10 s): an answer that waited for the lock
			// would come too late.
			assertThat(result.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
			assertThat(details.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
			writer.rollback();
		}
	}

}
