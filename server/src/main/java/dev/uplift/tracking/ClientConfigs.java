package dev.uplift.tracking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;

import dev.uplift.experiment.ExclusionGroupSnapshot;
import dev.uplift.experiment.ExperimentService;
import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.project.ProjectChanged;
import dev.uplift.project.ProjectContext;
import dev.uplift.project.ProjectService;
import dev.uplift.storage.NodeCaches;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The client configuration of each project, built once and served from memory: every page
 * view asks for it, and building it reads the live experiments, their goals and the
 * project (about 700 µs of CPU; docs/performance.md). A change made through this node
 * drops the copy when it commits; changes made through other nodes are seen within
 * {@link #FRESHNESS} (docs/decisions.md). Previews are rare and always built afresh. When
 * an experiment targets countries, the body names the visitor's country, so there is one
 * copy per country, kept with the project's and dropped with it.
 */
@Component
class ClientConfigs {

	static final Duration FRESHNESS = Duration.ofSeconds(1);

	private final Cache<Long, ProjectConfigs> byProject = NodeCaches.expiringAfter(FRESHNESS);

	private final ProjectService projects;

	private final ExperimentService experiments;

	ClientConfigs(ProjectService projects, ExperimentService experiments) {
		this.projects = projects;
		this.experiments = experiments;
	}

	/**
	 * The project's configuration: its live experiments and those serving a winner.
	 */
	ClientConfig current(ProjectContext project) {
		return current(project, null);
	}

	/**
	 * The project's configuration for a visitor of this country (an upper-case ISO code,
	 * or null when unknown).
	 */
	ClientConfig current(ProjectContext project, String country) {
		return this.byProject
			.get(project.id(),
					(id) -> new ProjectConfigs(project.projectKey(), this.projects.consentRequired(project),
							this.experiments.delivered(id), this.experiments.exclusionGroups(id)))
			.forCountry(country);
	}

	/**
	 * The configuration with one more experiment that is not live, for a preview link.
	 */
	ClientConfig withPreview(ProjectContext project, long previewId) {
		List<ExperimentSnapshot> listed = new ArrayList<>(this.experiments.delivered(project.id()));
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
				this.experiments.exclusionGroups(project.id()), null);
	}

	/**
	 * One project's live experiments and the bodies built from them: one, or one per
	 * country asked for.
	 */
	private static final class ProjectConfigs {

		private static final String UNKNOWN = "";

		private final String projectKey;

		private final boolean consentRequired;

		private final List<ExperimentSnapshot> live;

		private final List<ExclusionGroupSnapshot> exclusionGroups;

		private final boolean perCountry;

		// Country codes are two letters, so this holds at most 677 bodies.
		private final Map<String, ClientConfig> byCountry = new ConcurrentHashMap<>();

		ProjectConfigs(String projectKey, boolean consentRequired, List<ExperimentSnapshot> live,
				List<ExclusionGroupSnapshot> exclusionGroups) {
			this.projectKey = projectKey;
			this.consentRequired = consentRequired;
			this.live = List.copyOf(live);
			this.exclusionGroups = List.copyOf(exclusionGroups);
			this.perCountry = ClientConfig.targetsCountries(this.live);
		}

		ClientConfig forCountry(String country) {
			String key = (this.perCountry && country != null) ? country : UNKNOWN;
			return this.byCountry.computeIfAbsent(key, (code) -> ClientConfig.of(this.projectKey, this.consentRequired,
					this.live, this.exclusionGroups, code.equals(UNKNOWN) ? null : code));
		}

	}

}
