package dev.uplift.project;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.uplift.UpliftApplication;
import dev.uplift.support.ApiClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** The first start of an empty database (docs/api.md §1), on the embedded default. */
class BootstrapTests {

	private static final Pattern API_KEY = Pattern.compile("api_key:\\s+([A-Za-z0-9]{48})");

	private static final Pattern PROJECT_KEY = Pattern.compile("project_key:\\s+([A-Za-z0-9]{22})");

	@Test
	void firstStartPrintsRandomCredentialsOnceAndWritesThemToAPrivateFile() throws Exception {
		Path dataDir = Files.createTempDirectory("uplift-bootstrap");
		String console = captureConsole(() -> start(dataDir).close());
		Path file = dataDir.resolve("initial-credentials.txt");
		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
		String written = Files.readString(file);
		Matcher apiKey = API_KEY.matcher(written);
		Matcher projectKey = PROJECT_KEY.matcher(written);
		assertThat(apiKey.find()).isTrue();
		assertThat(projectKey.find()).isTrue();
		assertThat(console).contains(apiKey.group(1)).contains("=".repeat(76));

		String secondConsole = captureConsole(() -> {
			try (ConfigurableApplicationContext again = start(dataDir)) {
				ApiClient api = new ApiClient(
						"http://localhost:" + again.getEnvironment().getProperty("local.server.port"), apiKey.group(1));
				assertThat(api.get("/v2/project/" + projectKey.group(1)).status()).isEqualTo(200);
				JdbcClient jdbc = again.getBean(JdbcClient.class);
				assertThat(jdbc.sql("SELECT COUNT(*) FROM organizations").query(Long.class).single()).isEqualTo(1);
				String stored = jdbc.sql("SELECT key_hash FROM api_keys").query(String.class).single();
				assertThat(stored).isNotEqualTo(apiKey.group(1)).hasSize(64);
			}
		});
		assertThat(secondConsole).doesNotContain(apiKey.group(1));
		assertThat(Files.readString(file)).isEqualTo(written);
	}

	@Test
	void startWhenBootstrapApiKeyIsShorterThan32CharactersFails() throws Exception {
		Path dataDir = Files.createTempDirectory("uplift-bootstrap");
		assertThatException().isThrownBy(() -> start(dataDir, "--uplift.bootstrap.api-key=short-key"))
			.satisfies((ex) -> assertThat(rootMessage(ex)).contains("at least 32 characters"));
	}

	@Test
	void startWithGivenKeysUsesThemAndWritesNoCredentialsFile() throws Exception {
		Path dataDir = Files.createTempDirectory("uplift-bootstrap");
		String key = "given-bootstrap-key-0123456789abcdefghij";
		try (ConfigurableApplicationContext context = start(dataDir, "--uplift.bootstrap.api-key=" + key,
				"--uplift.bootstrap.project-key=GivenProjectKey0000001")) {
			ApiClient api = new ApiClient(
					"http://localhost:" + context.getEnvironment().getProperty("local.server.port"), key);
			assertThat(api.get("/v2/project/GivenProjectKey0000001").status()).isEqualTo(200);
		}
		assertThat(dataDir.resolve("initial-credentials.txt")).doesNotExist();
	}

	private static ConfigurableApplicationContext start(Path dataDir, String... extra) {
		String[] args = new String[extra.length + 2];
		args[0] = "--server.port=0";
		args[1] = "--uplift.storage.data-dir=" + dataDir;
		System.arraycopy(extra, 0, args, 2, extra.length);
		return new SpringApplicationBuilder(UpliftApplication.class).run(args);
	}

	private static String captureConsole(Runnable action) {
		PrintStream original = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			action.run();
		}
		finally {
			System.setOut(original);
		}
		return captured.toString(StandardCharsets.UTF_8);
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getMessage();
	}

}
