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
		return ConfigurationResponse.of(this.projects.configuration(context.id()));
	}

	@PatchMapping("/v2/project/{project_key}/configuration")
	ConfigurationResponse configure(ProjectContext context, @RequestBody ConfigurationRequest request) {
		return ConfigurationResponse.of(this.projects.configure(context, request.changes()));
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
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ConfigurationRequest(String timeZone, String reportingCurrency, Map<String, BigDecimal> currencyRates,
			@Schema(types = {
					"string", "null" }) JsonNode primaryGoalKey,
			Number consentRequired){

		ConfigurationRequest {
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
			if (timeZone == null && reportingCurrency == null && currencyRates == null && primaryGoalKey == null
					&& consentRequired == null) {
				throw new InvalidInput("Send at least one of 'time_zone', 'reporting_currency', 'currency_rates', "
						+ "'primary_goal_key' or 'consent_required'");
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
					(this.consentRequired != null) ? this.consentRequired.equals(1) : null);
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

		static ConfigurationResponse of(ProjectConfiguration configuration) {
			return new ConfigurationResponse(true, ConfigurationView.of(configuration));
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
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	record ConfigurationView(String timeZone, String reportingCurrency, Map<String, BigDecimal> currencyRates,
			@JsonInclude(JsonInclude.Include.ALWAYS) Long primaryGoalId,
			@JsonInclude(JsonInclude.Include.ALWAYS) GoalView primaryGoal, int consentRequired) {

		static ConfigurationView of(ProjectConfiguration configuration) {
			Optional<DefaultGoal> goal = configuration.primaryGoal();
			return new ConfigurationView(configuration.timeZone().getId(), configuration.reportingCurrency(),
					configuration.currencyRates(), goal.map(DefaultGoal::goalId).orElse(null),
					goal.map(GoalView::of).orElse(null), configuration.consentRequired() ? 1 : 0);
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
