package dev.uplift.storage;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Uplift keeps its state.
 *
 * @param dataDir directory of the embedded SQLite database and the initial credentials
 * file
 * @param url JDBC URL of an external PostgreSQL; blank means the embedded SQLite file
 * @param user database user for {@code url}, blank to take it from the URL
 * @param password database password for {@code url}, blank to take it from the URL
 * @param poolSize maximum number of pooled connections
 */
@ConfigurationProperties("uplift.storage")
public record StorageProperties(@DefaultValue("./data") Path dataDir, @DefaultValue("") String url,
		@DefaultValue("") String user, @DefaultValue("") String password, @DefaultValue("8") int poolSize) {

	/** Whether the embedded SQLite file is used rather than an external database. */
	public boolean embedded() {
		return this.url == null || this.url.isBlank();
	}

}
