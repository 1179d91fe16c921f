package dev.uplift.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Set;

import dev.uplift.storage.StorageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the first organization, project and API key when the database holds no
 * organization, before the server takes requests.
 */
@Component
class Bootstrap implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(Bootstrap.class);

	static final String CREDENTIALS_FILE = "initial-credentials.txt";

	private final BootstrapProperties properties;

	private final StorageProperties storage;

	private final JdbcProjectRepository projects;

	private final ProjectService projectService;

	private final ApiKeyService apiKeys;

	private final TransactionTemplate transaction;

	private final Clock clock;

	Bootstrap(BootstrapProperties properties, StorageProperties storage, JdbcProjectRepository projects,
			ProjectService projectService, ApiKeyService apiKeys, TransactionTemplate transaction, Clock clock) {
		this.properties = properties;
		this.storage = storage;
		this.projects = projects;
		this.projectService = projectService;
		this.apiKeys = apiKeys;
		this.transaction = transaction;
		this.clock = clock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Credentials created = this.transaction.execute(
				(status) -> (this.projects.claimBootstrap() && !this.projects.hasOrganization()) ? create() : null);
		if (created != null && this.properties.apiKey().isBlank()) {
			announce(created);
		}
	}

	private Credentials create() {
		long organizationId = this.projects.insertOrganization(this.properties.organizationName(), this.clock.millis());
		String projectKey = this.properties.projectKey().isBlank() ? Keys.random(Keys.PROJECT_KEY_LENGTH)
				: this.properties.projectKey().strip();
		this.projectService.create(organizationId, projectKey, this.properties.websiteName(), "*", ZoneId.of("UTC"));
		String apiKey = this.properties.apiKey().isBlank() ? null : this.properties.apiKey().strip();
		String clear = this.apiKeys.create(organizationId, "Initial key", apiKey).key();
		logger.info("Created the initial organization and project {}", projectKey);
		return new Credentials(projectKey, clear);
	}

	private void announce(Credentials credentials) {
		String text = """
				project_key: %s
				api_key:     %s
				""".formatted(credentials.projectKey(), credentials.apiKey());
		Path file = this.storage.dataDir().resolve(CREDENTIALS_FILE);
		writePrivate(file, text);
		String frame = "=".repeat(76);
		System.out.printf("%n%s%n Uplift is ready. This API key is shown once; a copy is in %s%n%n%s%s%n%n", frame,
				file.toAbsolutePath().normalize(), text.indent(1), frame);
	}

	private static void writePrivate(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Files.deleteIfExists(file);
			Files.createFile(file, PosixFilePermissions
				.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	private record Credentials(String projectKey, String apiKey) {
	}

}
