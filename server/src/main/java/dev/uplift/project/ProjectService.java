package dev.uplift.project;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.uplift.project.JdbcApiKeyRepository.ApiKeyRow;
import dev.uplift.error.InvalidInput;
import dev.uplift.error.NotFound;
import dev.uplift.error.StateConflict;
import dev.uplift.error.Unauthorized;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Projects of organizations, and the resolution of a request's project; the public API of
 * this feature.
 */
@Service
public class ProjectService {

	private final JdbcProjectRepository projects;

	private final ProjectDirectory directory;

	private final ApiKeyService apiKeys;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final StorageQuotaProperties quotas;

	ProjectService(JdbcProjectRepository projects, ProjectDirectory directory, ApiKeyService apiKeys,
			ApplicationEventPublisher events, Clock clock, StorageQuotaProperties quotas) {
		this.projects = projects;
		this.directory = directory;
		this.apiKeys = apiKeys;
		this.events = events;
		this.clock = clock;
		this.quotas = quotas;
	}

	/**
	 * The project of a public tracking route: present when the key names a project that
	 * is not deleted.
	 */
	public Optional<ProjectContext> findPublic(String projectKey) {
		if (!Keys.isProjectKey(projectKey)) {
			return Optional.empty();
		}
		return this.directory.find(projectKey);
	}

	/** The project the first start created (the oldest one), unless deleted. */
	@Transactional(readOnly = true)
	public Optional<ProjectContext> findBootstrap() {
		return this.projects.findOldest().filter((project) -> !project.deleted()).map(Project::context);
	}

	/**
	 * Whether the key is an active API key of the operator's organization, the one that
	 * owns the project the first start created: installation-wide data (metrics) is for
	 * it only.
	 */
	@Transactional(readOnly = true)
	public boolean isOperatorKey(String apiKey) {
		if (apiKey == null || apiKey.isBlank()) {
			return false;
		}
		Optional<Long> operator = this.projects.findOldest().map((project) -> project.context().organizationId());
		return this.apiKeys.find(apiKey.strip())
			.map((key) -> operator.isPresent() && operator.get() == key.organizationId())
			.orElse(false);
	}

	/**
	 * Whether the browser script must wait for the visitor's consent on this project's
	 * pages.
	 */
	@Transactional(readOnly = true)
	public boolean consentRequired(ProjectContext context) {
		return get(context).consentRequired();
	}

	/** The project with this internal id, unless deleted. */
	@Transactional(readOnly = true)
	public Optional<ProjectContext> findById(long projectId) {
		return this.projects.findById(projectId).filter((project) -> !project.deleted()).map(Project::context);
	}

	/**
	 * The project of a control-plane route, if the API key belongs to its organization
	 * (docs/api.md §1). Not one transaction: the lookups read a snapshot, the rare use
	 * record is its own write.
	 */
	Authorized authorize(String projectKey, String apiKey) {
		if (apiKey == null || apiKey.isBlank()) {
			throw new Unauthorized("Missing API key: send 'Authorization: Bearer <key>', 'x-api-key' or 'api-key'");
		}
		ApiKeyRow key = this.apiKeys.find(apiKey.strip()).orElseThrow(() -> new Unauthorized("Invalid API key"));
		this.apiKeys.recordUse(key);
		ProjectContext project = findPublic(projectKey).orElseThrow(() -> new NotFound("Project", projectKey));
		if (project.organizationId() != key.organizationId()) {
			throw new Unauthorized("Invalid API key");
		}
		return new Authorized(project, key.id(), key.name());
	}

	/**
	 * A control-plane request's project and the key that opened it.
	 *
	 * @param project the project of the route
	 * @param keyId the id of the request's API key
	 * @param keyName its name
	 */
	record Authorized(ProjectContext project, long keyId, String keyName) {
	}

	@Transactional(readOnly = true)
	Project get(ProjectContext context) {
		return this.projects.findById(context.id()).orElseThrow(() -> new NotFound("Project", context.id()));
	}

	@Transactional(readOnly = true)
	List<Project> list(ProjectContext context, boolean includeInactive, int limit, int offset) {
		List<Integer> statuses = includeInactive ? List.of(0, Project.ACTIVE) : List.of(Project.ACTIVE);
		return this.projects.list(context.organizationId(), statuses, limit, offset);
	}

	@Transactional
	Project create(long organizationId, String websiteName, String allowedWebsite, ZoneId timeZone) {
		return create(organizationId, Keys.random(Keys.PROJECT_KEY_LENGTH), websiteName, allowedWebsite, timeZone);
	}

	@Transactional
	Project create(long organizationId, String projectKey, String websiteName, String allowedWebsite, ZoneId timeZone) {
		long id = this.projects.insertProject(organizationId, projectKey, websiteName, allowedWebsite, timeZone,
				this.clock.millis());
		return this.projects.findById(id).orElseThrow();
	}

	@Transactional
	Project update(ProjectContext context, ProjectChanges changes) {
		this.events.publishEvent(new ProjectChanged(context.id()));
		Project current = get(context);
		Project changed = new Project(current.id(), current.organizationId(), current.projectKey(),
				orElse(changes.websiteName(), current.websiteName()),
				orElse(changes.widgetName(), current.widgetName()),
				orElse(changes.allowedWebsite(), current.allowedWebsite()),
				orElse(changes.monthlyAverageTraffic(), current.monthlyAverageTraffic()), current.timeZone(),
				current.status(), orElse(changes.consentRequired(), current.consentRequired()), current.createdAt(),
				current.updatedAt(), current.storageQuotaBytes());
		this.projects.update(changed, this.clock.millis());
		return get(context);
	}

	/**
	 * Deletes the project softly: every route of it answers 404 afterwards (on other
	 * nodes within a minute), its live experiments are no longer served, and its data
	 * stays in storage. The organization's last project is never deleted: every route,
	 * the one that creates projects among them, goes through a project of the
	 * organization.
	 */
	@Transactional
	Project delete(ProjectContext context) {
		this.apiKeys.lockOrganization(context.organizationId());
		Project project = get(context);
		if (project.deleted()) {
			throw new NotFound("Project", context.projectKey());
		}
		if (this.projects.countUndeleted(context.organizationId()) <= 1) {
			throw new StateConflict("last project",
					"Project " + context.projectKey()
							+ " is the organization's last project and cannot be deleted: every route of the API key "
							+ "goes through one of its projects. Create another project first");
		}
		this.events.publishEvent(new ProjectChanged(context.id()));
		this.projects.delete(project.id(), this.clock.millis());
		this.directory.forget(context.projectKey());
		return project;
	}

	/** The currency the project reports revenue in; 404 when the project is gone. */
	@Transactional(readOnly = true)
	public String reportingCurrency(long projectId) {
		return this.projects.reportingCurrency(projectId).orElseThrow(() -> new NotFound("Project", projectId));
	}

	/** The project's configuration; 404 when the project is gone. */
	@Transactional(readOnly = true)
	public ProjectConfiguration configuration(long projectId) {
		return this.projects
			.configuration(this.projects.findById(projectId).orElseThrow(() -> new NotFound("Project", projectId)));
	}

	/** What the project's event log keeps, against its storage quota; 404 when gone. */
	@Transactional(readOnly = true)
	StorageUsage storage(long projectId) {
		return this.projects
			.usage(this.projects.findById(projectId).orElseThrow(() -> new NotFound("Project", projectId)));
	}

	/**
	 * Applies a configuration change: the time zone only while no visitor has entered an
	 * experiment (rollup days are in it), the reporting currency only while no revenue is
	 * recorded (amounts are stored in it), a storage quota above the server's only for
	 * the operator.
	 */
	@Transactional
	ProjectConfiguration configure(ProjectContext context, ConfigurationChanges changes, boolean operator) {
		ProjectConfiguration current = configuration(context.id());
		if (changes.storageQuotaBytes() != null && this.quotas.raises(changes.storageQuotaBytes()) && !operator) {
			throw new Unauthorized("'storage_quota_bytes' above the server's quota, or 0 (none), needs an API key of "
					+ "the operator's organization (the one the first start created)");
		}
		ZoneId zone = orElse(changes.timeZone(), current.timeZone());
		if (!zone.equals(current.timeZone()) && this.projects.hasEntries(context.id())) {
			throw new StateConflict("has_visitors", "'time_zone' cannot change once visitors have entered an "
					+ "experiment of the project: its days are counted in " + current.timeZone());
		}
		String currency = orElse(changes.reportingCurrency(), current.reportingCurrency());
		if (!currency.equals(current.reportingCurrency()) && this.projects.hasRevenue(context.id())) {
			throw new StateConflict("has_revenue", "'reporting_currency' cannot change once revenue is recorded: "
					+ "it is stored in " + current.reportingCurrency());
		}
		Map<String, BigDecimal> rates = orElse(changes.currencyRates(), current.currencyRates());
		if (rates.containsKey(currency)) {
			throw new InvalidInput("currency_rates",
					"'currency_rates' must not hold the reporting currency " + currency);
		}
		DefaultGoal goal = current.defaultGoal();
		if (changes.clearPrimaryGoal()) {
			goal = null;
		}
		else if (changes.primaryGoalKey() != null) {
			goal = this.projects.goalByKey(context.id(), changes.primaryGoalKey())
				.orElseThrow(() -> new NotFound("Goal", changes.primaryGoalKey()));
		}
		ProjectConfiguration changed = new ProjectConfiguration(zone, currency, rates, goal,
				orElse(changes.consentRequired(), current.consentRequired()));
		this.events.publishEvent(new ProjectChanged(context.id()));
		this.projects.updateConfiguration(context.id(), changed, this.clock.millis());
		if (changes.storageQuotaBytes() != null || changes.defaultStorageQuota()) {
			this.projects.setStorageQuota(context.id(), changes.storageQuotaBytes(), this.clock.millis());
		}
		this.directory.forget(context.projectKey());
		return configuration(context.id());
	}

	private static <T> T orElse(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * Fields of a configuration change; null leaves a field as it is.
	 *
	 * @param timeZone the new time zone
	 * @param reportingCurrency the new reporting currency
	 * @param currencyRates the rates, replacing all of them
	 * @param primaryGoalKey the key of the new default primary goal
	 * @param clearPrimaryGoal true to remove the default primary goal
	 * @param consentRequired whether pages wait for consent
	 * @param storageQuotaBytes the project's own storage quota, 0 for none
	 * @param defaultStorageQuota true to give the project the server's storage quota
	 */
	record ConfigurationChanges(ZoneId timeZone, String reportingCurrency, Map<String, BigDecimal> currencyRates,
			String primaryGoalKey, boolean clearPrimaryGoal, Boolean consentRequired, Long storageQuotaBytes,
			boolean defaultStorageQuota) {
	}

	/** Fields of a project update; null leaves a field as it is. */
	record ProjectChanges(String websiteName, String widgetName, String allowedWebsite, Long monthlyAverageTraffic,
			Boolean consentRequired) {
	}

}
