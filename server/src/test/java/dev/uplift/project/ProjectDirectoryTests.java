package dev.uplift.project;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-node memory of projects behind the public tracking routes. */
class ProjectDirectoryTests extends IntegrationTest {

	@Autowired
	private ProjectService projects;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void aKeyNotFoundIsLookedUpAgainSoThatANewProjectIsSeenAtOnce() {
		String key = "DirectoryNewProject001";
		assertThat(this.projects.findPublic(key)).isEmpty();
		long organizationId = this.projects.findPublic(PROJECT_KEY).orElseThrow().organizationId();
		Project created = this.projects.create(organizationId, key, "New site", "https://new.example",
				ZoneId.of("UTC"));
		assertThat(this.projects.findPublic(key)).map(ProjectContext::id).contains(created.id());
		assertThat(this.anonymous.post("/v2/project/" + key + "/collect", Map.of("events", List.of())).status())
			.isEqualTo(202);
	}

	@Test
	void aProjectFoundIsServedFromMemoryWithoutReadingTheDatabase() {
		String key = "DirectoryKnownProject1";
		long organizationId = this.projects.findPublic(PROJECT_KEY).orElseThrow().organizationId();
		Project created = this.projects.create(organizationId, key, "Known site", "https://known.example",
				ZoneId.of("UTC"));
		assertThat(this.projects.findPublic(key)).isPresent();
		// Projects are not deleted through the API; a change made by hand reaches this
		// node after a minute.
		this.jdbc.sql("UPDATE projects SET status = :deleted WHERE id = :id")
			.param("deleted", Project.DELETED)
			.param("id", created.id())
			.update();
		assertThat(this.projects.findPublic(key)).map(ProjectContext::id).contains(created.id());
	}

}
