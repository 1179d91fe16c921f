package dev.uplift.project;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.uplift.error.InvalidInput;
import dev.uplift.project.ProjectService.ConfigurationChanges;
import dev.uplift.web.ApiKeys;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Get and Update Project Configuration (docs/api.md §1): the settings of all of a
 * project's experiments.
 */
@RestController
class ConfigurationController {

	/** Rates of more currencies than there are ISO 4217 codes are a client's error. */
	static final int MAX_RATES = 300;

	static final BigDecimal MAX_RATE = BigDecimal.valueOf(1_000_000);

	private final ProjectService projects;

	ConfigurationController(ProjectService projects) {
		this.projects = projects;
	}

	@GetMapping("/v2/project/{project_key}/configuration")
	ConfigurationResponse configuration(ProjectContext context) {
		return ConfigurationResponse.of(this.projects.configuration(context.id()), this.projects.storage(context.id()));
	}

	@PatchMapping("/v2/project/{project_key}/configuration")
	ConfigurationResponse configure(ProjectContext context, @RequestBody ConfigurationRequest request,
			HttpServletRequest http) {
		// Only a change of the quota asks who the caller is.
		boolean operator = request.storageQuotaBytes() != null && this.projects.isOperatorKey(ApiKeys.of(http));
		ProjectConfiguration configuration = this.projects.configure(context, request.changes(), operator);
		return ConfigurationResponse.of(configuration, this.projects.storage(context.id()));
	}

	/**
	 * A change of the configuration: only the fields sent change.
	 *
	 * @param timeZone an IANA zone id, e.g. {@code Europe/Paris}; only while no visitor
	 * has entered an experiment
	 * @param reportingCurrency an ISO 4217 code; only while no revenue is recorded
	 * @param currencyRates per ISO 4217 code, the reporting currency's units one unit is
	 * worth (greater than 0, at most 1,000,000); replaces every rate, {} clears them
	 * @param primaryGoalKey the key of a goal of the project as the default primary goal;
	 * null clears it
	 * @param consentRequired 1 when the browser script waits for consent, else 0
	 * @param storageQuotaBytes the bytes of events the project's log may keep: 0 for no
	 * quota, null for the server's; above the server's quota (or 0) only with an API key
	 * of the operator's organization
	 * @param analysisMethod Mida's project-wide engine: refused, each experiment has its
	 * own
	 * @param frequentistType Mida's one- or two-tailed setting: refused
	 * @param confidenceLevel Mida's project-wide threshold: refused, each experiment has
	 * its own
	 * @param secondaryGoals Mida's project-wide secondary goals: refused
	 * @param weeklyAiSummaryEnabled Mida's summary e-mail: refused
	 * @param skipPrePublishCheck Mida's pre-publish check: refused
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ConfigurationRequest(String timeZone, String reportingCurrency, Map<String, BigDecimal> currencyRates,
			@Schema(types = {
					"string", "null" }) JsonNode primaryGoalKey,
			Number consentRequired, @Schema(types = { "integer", "null" }) JsonNode storageQuotaBytes,
			JsonNode analysisMethod, JsonNode frequentistType, JsonNode confidenceLevel, JsonNode secondaryGoals,
			JsonNode weeklyAiSummaryEnabled, JsonNode skipPrePublishCheck){

		ConfigurationRequest {
			// Mida's settings that Uplift does not keep: a 400 naming the field rather
			// than
			// a change that silently does not happen.
			refuse("analysis_method", analysisMethod,
					"each experiment sets its own engine ('configuration.bayesian' on create)");
			refuse("frequentist_type", frequentistType, "its frequentist p-values are two-sided");
			refuse("confidence_level", confidenceLevel,
					"each experiment sets its own threshold ('configuration.confidence_interval' on create)");
			refuse("secondary_goals", secondaryGoals, "each experiment lists its own 'secondary_goal_keys'");
			refuse("weekly_ai_summary_enabled", weeklyAiSummaryEnabled, "it sends no summary e-mails");
			refuse("skip_pre_publish_check", skipPrePublishCheck, "it has no pre-publish check");
			if (reportingCurrency != null && !ProjectConfiguration.isCurrencyCode(reportingCurrency)) {
				throw new InvalidInput("reporting_currency",
						"'reporting_currency' must be an ISO 4217 currency code in upper case, such as USD");
			}
			if (currencyRates != null) {
				rates(currencyRates);
			}
			// A node, not a string: an absent key leaves the goal, null clears it.
			if (primaryGoalKey != null && !primaryGoalKey.isNull() && (!primaryGoalKey.isString()
					|| primaryGoalKey.stringValue().isBlank() || primaryGoalKey.stringValue().length() > 100)) {
				throw new InvalidInput("primary_goal_key",
						"'primary_goal_key' must be null or a string of 1 to 100 characters");
			}
			if (consentRequired != null && !consentRequired.equals(0) && !consentRequired.equals(1)) {
				throw new InvalidInput("consent_required", "'consent_required' must be 0 (off) or 1 (on)");
			}
			if (storageQuotaBytes != null && !storageQuotaBytes.isNull() && !(storageQuotaBytes.isIntegralNumber()
					&& storageQuotaBytes.canConvertToLong() && storageQuotaBytes.longValue() >= 0)) {
				throw new InvalidInput("storage_quota_bytes", "'storage_quota_bytes' must be null (the server's "
						+ "quota), 0 (no quota) or a whole number of bytes");
			}
			if (timeZone == null && reportingCurrency == null && currencyRates == null && primaryGoalKey == null
					&& consentRequired == null && storageQuotaBytes == null) {
				throw new InvalidInput("Send at least one of 'time_zone', 'reporting_currency', 'currency_rates', "
						+ "'primary_goal_key', 'consent_required' or 'storage_quota_bytes'");
			}
		}

		private static void refuse(String field, JsonNode value, String why) {
			if (value != null) {
				throw new InvalidInput(field, "'" + field + "' is not supported by Uplift: " + why);
			}
		}

		private static void rates(Map<String, BigDecimal> rates) {
			if (rates.size() > MAX_RATES) {
				throw new InvalidInput("currency_rates", "'currency_rates' must hold at most " + MAX_RATES + " rates");
			}
			rates.forEach((currency, rate) -> {
				if (!ProjectConfiguration.isCurrencyCode(currency)) {
					throw new InvalidInput("currency_rates." + currency, "'currency_rates." + currency
							+ "' is not an ISO 4217 currency code in upper case, such as EUR");
				}
				if (rate == null || rate.signum() <= 0 || rate.compareTo(MAX_RATE) > 0) {
					throw new InvalidInput("currency_rates." + currency,
							"'currency_rates." + currency + "' must be a number greater than 0 and at most 1000000");
				}
			});
		}

		ConfigurationChanges changes() {
			return new ConfigurationChanges(zone(), this.reportingCurrency, this.currencyRates,
					(this.primaryGoalKey != null && this.primaryGoalKey.isString()) ? this.primaryGoalKey.stringValue()
							: null,
					this.primaryGoalKey != null && this.primaryGoalKey.isNull(),
					(this.consentRequired != null) ? this.consentRequired.equals(1) : null,
					(this.storageQuotaBytes != null && !this.storageQuotaBytes.isNull())
							? this.storageQuotaBytes.longValue() : null,
					this.storageQuotaBytes != null && this.storageQuotaBytes.isNull());
		}

		private ZoneId zone() {
			if (this.timeZone == null) {
				return null;
			}
			try {
				return ZoneId.of(this.timeZone);
			}
			catch (DateTimeException ex) {
				throw new InvalidInput("time_zone", "'time_zone' is not a time zone id: " + this.timeZone);
			}
		}

	}

	/**
	 * The configuration now in force.
	 *
	 * @param success always true
	 * @param configuration the configuration
	 */
	record ConfigurationResponse(boolean success, ConfigurationView configuration) {

		static ConfigurationResponse of(ProjectConfiguration configuration, StorageUsage storage) {
			return new ConfigurationResponse(true, ConfigurationView.of(configuration, storage));
		}

	}

	/**
	 * A project's configuration.
	 *
	 * @param timeZone the zone of date windows and rollup days
	 * @param reportingCurrency the currency results report revenue in
	 * @param currencyRates per other currency, the reporting currency's units one of its
	 * units is worth; revenue in a currency without a rate is left out
	 * @param primaryGoalId the default primary goal's id, or null
	 * @param primaryGoal the default primary goal, or null
	 * @param consentRequired 1 when the browser script waits for consent
	 * @param storageQuotaBytes the bytes of events the project's log may keep, its own
	 * quota or the server's; 0 for no quota
	 * @param storedEvents events the log keeps
	 * @param storedBytes bytes of those events, their JSON in UTF-8
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ConfigurationView(String timeZone, String reportingCurrency, Map<String, BigDecimal> currencyRates,
			@JsonInclude(JsonInclude.Include.ALWAYS) Long primaryGoalId,
			@JsonInclude(JsonInclude.Include.ALWAYS) GoalView primaryGoal, int consentRequired, long storageQuotaBytes,
			long storedEvents, long storedBytes) {

		static ConfigurationView of(ProjectConfiguration configuration, StorageUsage storage) {
			Optional<DefaultGoal> goal = configuration.primaryGoal();
			return new ConfigurationView(configuration.timeZone().getId(), configuration.reportingCurrency(),
					configuration.currencyRates(), goal.map(DefaultGoal::goalId).orElse(null),
					goal.map(GoalView::of).orElse(null), configuration.consentRequired() ? 1 : 0, storage.quotaBytes(),
					storage.events(), storage.bytes());
		}

	}

	/**
	 * The default primary goal, as Mida resolves it.
	 *
	 * @param goalProfileId its id
	 * @param goalKey its key
	 * @param goalName name
	 * @param goalType type
	 * @param goalValue the value matched
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record GoalView(long goalProfileId, String goalKey, String goalName, String goalType, String goalValue) {

		static GoalView of(DefaultGoal goal) {
			return new GoalView(goal.goalId(), goal.goalKey(), goal.goalName(), goal.goalType(), goal.goalValue());
		}

	}

}
