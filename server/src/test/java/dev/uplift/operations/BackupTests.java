package dev.uplift.operations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.uplift.UpliftApplication;
import dev.uplift.support.ApiClient;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import dev.uplift.support.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operator's backup, as a story: events go on arriving while the backup is made; a
 * second Uplift started on the restored file counts every event acknowledged before the
 * backup began, and the same results as the original once nothing is written.
 */
class BackupTests extends IntegrationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void backupMadeDuringCollectRestoresEveryEventAcknowledgedBeforeItAndConsistentRollups() throws Exception {
		assumeFalse(TestDatabase.postgresql(), "the embedded database's backup");
		long testId = Experiments.create(this.api, project(""), "Backup", "backup-goal", 1);
		AtomicInteger acknowledged = new AtomicInteger();
		AtomicBoolean running = new AtomicBoolean(true);
		CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
			for (int i = 0; running.get(); i++) {
				List<Map<String, Object>> events = new ArrayList<>();
				for (int j = 0; j < 20; j++) {
					String visitor = "bk-" + i + "-" + j;
					events.add(Events.exposure(visitor + "-e", visitor, testId, j % 2));
				}
				if (this.anonymous.post(project("/collect"), Map.of("events", events)).status() == 202) {
					acknowledged.addAndGet(20);
				}
			}
		});
		while (acknowledged.get() < 400) {
			Thread.sleep(10);
		}
		int before = acknowledged.get();
		Path during = download(Files.createTempDirectory("uplift-backup"));
		int after = acknowledged.get();
		running.set(false);
		load.get();

		try (Restored restored = Restored.from(during)) {
			long visitors = visitors(restored.api().get(project("/experiment/" + testId + "/result")));
			assertThat(visitors).isBetween((long) before, (long) after + 20);
			assertThat(restored.api().get(project("/experiment/" + testId)).status()).isEqualTo(200);
		}

		Path idle = download(Files.createTempDirectory("uplift-backup"));
		String original = this.api.get(project("/experiment/" + testId + "/result")).body();
		try (Restored restored = Restored.from(idle)) {
			assertThat(restored.api().get(project("/experiment/" + testId + "/result")).body()).isEqualTo(original);
		}
		assertThat(visitors(this.api.get(project("/experiment/" + testId + "/result")))).isEqualTo(acknowledged.get());
	}

	@Test
	void backupWithoutTheOperatorsKeyIs401() {
		ApiClient.Response refused = this.anonymous.post("/operations/backup", Map.of());
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.json().get("error").asString()).contains("operator");
	}

	@Test
	void backupOnPostgresqlIs409NamingPgDump() {
		assumeTrue(TestDatabase.postgresql());
		ApiClient.Response refused = this.api.post("/operations/backup", Map.of());
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("error").asString()).contains("pg_dump");
	}

	/**
	 * Saves a backup as {@code uplift.db} in the directory, as the restore procedure
	 * says.
	 */
	private Path download(Path directory) throws IOException, InterruptedException {
		Path file = directory.resolve("uplift.db");
		HttpResponse<Path> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/operations/backup"))
				.header("Authorization", "Bearer " + API_KEY)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofFile(file));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue(BackupController.MEDIA_TYPE);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		return directory;
	}

	private static long visitors(ApiClient.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		long visitors = 0;
		for (JsonNode variant : response.json().get("variants")) {
			visitors += variant.get("visitors").asLong();
		}
		return visitors;
	}

	/** A second Uplift on a restored data directory, on a port of its own. */
	private record Restored(ConfigurableApplicationContext context, ApiClient api) implements AutoCloseable {

		static Restored from(Path dataDir) {
			// Arguments, not default properties: application.yml sets the data directory.
			ConfigurableApplicationContext context = new SpringApplicationBuilder(UpliftApplication.class)
				.run("--server.port=0", "--uplift.storage.data-dir=" + dataDir, "--uplift.demo.enabled=false");
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			return new Restored(context, new ApiClient("http://localhost:" + port, API_KEY));
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
