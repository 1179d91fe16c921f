package dev.uplift.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole server on a random port with a fresh SQLite file
 * and a known bootstrap project and key, and talk to it over HTTP. Tagged
 * {@code database}: the build runs them once on SQLite and once on PostgreSQL.
 */
@Tag("database")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

	public static final String API_KEY = "test-bootstrap-key-0123456789abcdefghijklmnop";

	public static final String PROJECT_KEY = "TestProjectKey00000001";

	private static final Path DATA_DIR = temporaryDirectory();

	private static Map<String, String> storage;

	@LocalServerPort
	private int port;

	protected ApiClient api;

	protected ApiClient anonymous;

	@BeforeAll
	static void databaseAvailable() {
		String reason = TestDatabase.unavailableReason();
		Assumptions.assumeTrue(reason == null, () -> "Skipped: " + reason);
	}

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("uplift.storage.data-dir", DATA_DIR::toString);
		for (String name : new String[] { "uplift.storage.url", "uplift.storage.user", "uplift.storage.password" }) {
			registry.add(name, () -> storage().getOrDefault(name, ""));
		}
		registry.add("uplift.bootstrap.api-key", () -> API_KEY);
		registry.add("uplift.bootstrap.project-key", () -> PROJECT_KEY);
	}

	@BeforeEach
	void client() {
		this.api = new ApiClient("http://localhost:" + this.port, API_KEY);
		this.anonymous = this.api.withKey(null);
	}

	/** The path of the bootstrap project, plus a suffix. */
	protected static String project(String suffix) {
		return "/v2/project/" + PROJECT_KEY + suffix;
	}

	protected int port() {
		return this.port;
	}

	/**
	 * The database of this test context, created on first use (after the availability
	 * check).
	 */
	private static synchronized Map<String, String> storage() {
		if (storage == null) {
			storage = TestDatabase.freshStorage();
		}
		return storage;
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("uplift-test");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
