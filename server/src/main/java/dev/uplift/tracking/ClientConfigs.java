package dev.uplift.tracking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;

import dev.uplift.experiment.ExperimentService;
import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.project.ProjectChanged;
import dev.uplift.project.ProjectContext;
import dev.uplift.project.ProjectService;
import dev.uplift.storage.NodeCaches;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The client configuration of each project, built once and served from memory: every page view
 * asks for it, and building it reads the live experiments, their goals and the project (about
 * 700 µs of CPU; docs/performance.md). A change made through this node drops the copy when it
 * commits; changes made through other nodes are seen within {@link #FRESHNESS}
 * (docs/decisions.md). Previews are rare and always built afresh.
 */
@Component
class ClientConfigs {

	static final Duration FRESHNESS = Duration.ofSeconds(1);

	private final Cache<Long, ClientConfig> byProject = NodeCaches.expiringAfter(FRESHNESS);

	private final ProjectService projects;

	private final ExperimentService experiments;

	ClientConfigs(ProjectService projects, ExperimentService experiments) {
		this.projects = projects;
		this.experiments = experiments;
	}

	/** The project's configuration: its live experiments. */
	ClientConfig current(ProjectContext project) {
		return this.byProject.get(project.id(), (id) -> build(project, this.experiments.live(id)));
	}

	/** The configuration with one more experiment that is not live, for a preview link. */
	ClientConfig withPreview(ProjectContext project, long previewId) {
		List<ExperimentSnapshot> listed = new ArrayList<>(this.experiments.live(project.id()));
		if (listed.stream().noneMatch((experiment) -> experiment.testId() == previewId)) {
			this.experiments.find(project.id(), previewId).ifPresent(listed::add);
		}
		return build(project, listed);
	}

	@TransactionalEventListener
	void projectChanged(ProjectChanged change) {
		this.byProject.invalidate(change.projectId());
	}

	private ClientConfig build(ProjectContext project, List<ExperimentSnapshot> listed) {
		return ClientConfig.of(project.projectKey(), this.projects.consentRequired(project), listed,
				this.experiments.exclusionGroups(project.id()));
	}

}
