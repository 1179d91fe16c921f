package dev.uplift.project;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;

import dev.uplift.storage.NodeCaches;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This node's memory of the projects it has resolved by key, so that tracking routes,
 * which are called for every page view, do not open a read transaction per request. Only
 * projects found are kept: a key unknown here is looked up again, so a project created on
 * another node is seen at once. A project's identity and time zone never change through
 * the API and projects are not deleted through it; an entry still expires after a minute,
 * so that a change made in the database by hand reaches every node.
 */
@Component
class ProjectDirectory {

	private static final Duration LIFETIME = Duration.ofMinutes(1);

	private final Cache<String, ProjectContext> byKey = NodeCaches.expiringAfter(LIFETIME);

	private final JdbcProjectRepository projects;

	private final TransactionTemplate read;

	ProjectDirectory(JdbcProjectRepository projects, PlatformTransactionManager transactions) {
		this.projects = projects;
		this.read = new TransactionTemplate(transactions);
		this.read.setReadOnly(true);
	}

	/**
	 * The project with this key unless deleted, from memory when this node resolved it in
	 * the last minute.
	 */
	Optional<ProjectContext> find(String projectKey) {
		ProjectContext known = this.byKey.getIfPresent(projectKey);
		if (known != null) {
			return Optional.of(known);
		}
		Optional<ProjectContext> found = this.read.execute((status) -> this.projects.findByKey(projectKey))
			.filter((project) -> !project.deleted())
			.map(Project::context);
		found.ifPresent((context) -> this.byKey.put(projectKey, context));
		return found;
	}

	/**
	 * Forgets the project on this node, after a change of its time zone; other nodes see
	 * it within {@link #LIFETIME}.
	 */
	void forget(String projectKey) {
		this.byKey.invalidate(projectKey);
	}

}
