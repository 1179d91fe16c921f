package dev.uplift.scale;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.uplift.UpliftApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes that start together on an empty PostgreSQL create one organization, not one each.
 */
@Tag("multinode")
class ConcurrentBootstrapTests {

	@Test
	void nodesStartingTogetherOnAnEmptyDatabaseBootstrapOnce() throws Exception {
		ScaleDatabase database = ScaleDatabase.fresh();
		// Three contexts starting at once in one JVM would each reinitialise the one
		// shared Logback context, which is not safe from several threads (a
		// ConcurrentModificationException in its appenders); separate processes, as in
		// production, each have their own.
		String loggingSystem = System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
		ExecutorService starters = Executors.newFixedThreadPool(3);
		List<Future<ConfigurableApplicationContext>> nodes = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			List<String> args = new ArrayList<>(List.of("--server.port=0", "--uplift.demo.enabled=false",
					"--uplift.storage.data-dir=" + Files.createTempDirectory("uplift-node")));
			database.storage().forEach((name, value) -> args.add("--" + name + "=" + value));
			nodes.add(starters
				.submit(() -> new SpringApplicationBuilder(UpliftApplication.class).run(args.toArray(String[]::new))));
		}
		try {
			for (Future<ConfigurableApplicationContext> node : nodes) {
				assertThat(node.get(120, TimeUnit.SECONDS).isActive()).isTrue();
			}
			assertThat(database.count("SELECT COUNT(*) FROM organizations")).isEqualTo(1);
			assertThat(database.count("SELECT COUNT(*) FROM projects")).isEqualTo(1);
			assertThat(database.count("SELECT COUNT(*) FROM api_keys")).isEqualTo(1);
		}
		finally {
			for (Future<ConfigurableApplicationContext> node : nodes) {
				if (node.isDone() && !node.isCancelled()) {
					node.get().close();
				}
			}
			starters.shutdown();
			if (loggingSystem == null) {
				System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
			}
			else {
				System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
			}
		}
	}

}
