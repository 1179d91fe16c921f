package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.uplift.error.InvalidInput;
import dev.uplift.experiment.ExperimentRequest.Configuration;

/**
 * The fields of Mida's Create and Update Experiment that Uplift does not act on
 * (docs/api-compatibility.md): a value that would make the experiment run differently
 * from what was sent is a 400 naming the field; a value that matches what Uplift does
 * anyway passes; a field that is no part of the route is a warning in the answer. Nothing
 * is accepted in silence.
 */
final class MidaFields {

	private static final List<String> TEST_TYPES = List.of("abtest", "split", "personalization", "mvt");

	private MidaFields() {
	}

	/** Refuses the values Uplift cannot run. */
	static void refuseUnsupported(ExperimentRequest request) {
		if (request.testType() != null && TestType.ofCode(request.testType()).isEmpty()) {
			throw TEST_TYPES.contains(request.testType())
					? unsupported("test_type",
							"it runs A/B tests ('abtest') and split-URL tests ('split'), not '" + request.testType()
									+ "' tests")
					: ExperimentRequest.bad("test_type", "must be one of " + String.join(", ", TEST_TYPES));
		}
		if (request.tags() != null && !(request.tags().isArray() && request.tags().isEmpty())) {
			throw unsupported("tags", "it keeps no labels on experiments");
		}
		if (request.variants() != null) {
			for (int i = 0; i < request.variants().size(); i++) {
				refuseUnsupported("variants[" + i + "]", request.variants().get(i));
			}
		}
		refuseUnsupported("control", request.control());
		if (request.configuration() != null) {
			refuseUnsupported(request.configuration());
		}
	}

	private static void refuseUnsupported(String path, VariantRequest variant) {
		if (variant == null) {
			return;
		}
		if (variant.layer() != null) {
			throw unsupported(path + ".layer", "it runs no multivariate tests");
		}
		if (variant.targeting() != null) {
			throw unsupported(path + ".targeting",
					"it runs no personalization; an experiment's audience is its 'targeting'");
		}
	}

	private static void refuseUnsupported(Configuration configuration) {
		if (Boolean.TRUE.equals(configuration.isMab())) {
			throw unsupported("configuration.is_mab", "it runs no multi-armed bandits; the weights stay as set");
		}
		if (Boolean.TRUE.equals(configuration.isAutopilot())) {
			throw unsupported("configuration.is_autopilot", "it does not reallocate traffic; the weights stay as set");
		}
		if (configuration.distribution() != null && !configuration.distribution().isNull()
				&& !"manual".equals(configuration.distribution().asString(null))) {
			throw ExperimentRequest.bad("configuration.distribution",
					"must be \"manual\": Uplift splits traffic by 'configuration.weights'");
		}
		requireImmediate("configuration.dom_change_path", configuration.domChangePath());
		requireImmediate("configuration.trigger_variant_change", configuration.triggerVariantChange());
		if (configuration.integration() != null && !configuration.integration().isNull()
				&& !(configuration.integration().isArray() && configuration.integration().isEmpty())) {
			throw unsupported("configuration.integration",
					"it sends data to no integrations; read results from its API");
		}
	}

	/** The fields sent that are no part of the route, each as a warning. */
	static List<String> warnings(ExperimentRequest request) {
		List<String> warnings = new ArrayList<>();
		unknown(warnings, "", request.unknown());
		if (request.configuration() != null) {
			unknown(warnings, "configuration.", request.configuration().unknown());
		}
		if (request.variants() != null) {
			for (int i = 0; i < request.variants().size(); i++) {
				VariantRequest variant = request.variants().get(i);
				unknown(warnings, "variants[" + i + "].", (variant != null) ? variant.unknown() : null);
			}
		}
		if (request.control() != null) {
			unknown(warnings, "control.", request.control().unknown());
		}
		return warnings;
	}

	private static void unknown(List<String> warnings, String path, Map<String, JsonNode> fields) {
		if (fields != null) {
			fields.keySet()
				.stream()
				.sorted()
				.forEach((name) -> warnings.add("'" + path + name + "' is not a field Uplift reads; it was ignored"));
		}
	}

	private static void requireImmediate(String field, JsonNode mode) {
		if (mode != null && !mode.isNull() && !"immediate".equals(mode.asString(null))) {
			throw ExperimentRequest.bad(field,
					"must be \"immediate\": Uplift's script applies a variant as soon as it runs");
		}
	}

	private static InvalidInput unsupported(String field, String why) {
		return ExperimentRequest.bad(field, "is not supported by Uplift: " + why);
	}

}
