package dev.uplift.tracking;

import java.util.LinkedHashSet;
import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Adds the event routes to the OpenAPI document: {@link EventRoutes} serves them ahead of
 * Spring MVC, so the document cannot find them among the MVC mappings. The shapes are
 * those of docs/api.md (collect) and docs/sdk.md (the SDK routes).
 */
final class EventRoutesDocumentation implements OpenApiCustomizer {

	private static final String TAG = "Tracking";

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		Components components = openApi.getComponents();
		components.addSchemas("CollectEvent", collectEvent())
			.addSchemas("CollectRequest",
					object("A batch of events", List.of("events")).addProperty("events",
							array(ref("CollectEvent")).description("At most 1,000 events")))
			.addSchemas("Rejection",
					object("An event refused, by its index in the batch", List.of("index", "error"))
						.addProperty("index", type("integer"))
						.addProperty("error", type("string")))
			.addSchemas("CollectAnswer",
					object("The batch's accepted events are committed", List.of("success", "accepted", "rejected"))
						.addProperty("success", type("boolean"))
						.addProperty("accepted", type("integer"))
						.addProperty("rejected", array(ref("Rejection"))))
			.addSchemas("SdkQuery",
					object("Which arm a user sees", List.of("key", "distinct_id"))
						.addProperty("key", type("string").description("The project key"))
						.addProperty("experiment_key",
								type("string").description("The experiment's key, or its test_id in decimal"))
						.addProperty("test_id", type("string").description("Accepted instead of experiment_key"))
						.addProperty("distinct_id", distinctId()))
			.addSchemas("SdkArm",
					object("The user's arm", List.of("version")).addProperty("version",
							new JsonSchema().types(new LinkedHashSet<>(List.of("string", "null")))
								.description("\"Control\", \"Variant 1\", ...; null when the user is not bucketed")))
			.addSchemas("SdkEvent", object("A conversion of a user", List.of("key", "name", "distinct_id"))
				.addProperty("key", type("string").description("The project key"))
				.addProperty("name", type("string").description("The event name, 1 to 200 characters"))
				.addProperty("distinct_id", distinctId())
				.addProperty("properties",
						new JsonSchema().types(new LinkedHashSet<>(List.of("object", "string")))
							.description("An object, or a string holding a JSON object; a number revenue is the "
									+ "conversion's revenue"))
				.addProperty("event_id", eventId()))
			.addSchemas("SdkIdentify",
					object("Who a visitor is, for the Events API", List.of("key", "distinct_id"))
						.addProperty("key", type("string").description("The project key"))
						.addProperty("distinct_id", distinctId())
						.addProperty("id",
								type("string").description("The site's user id, 1 to 256 characters; an integer is "
										+ "taken as its decimal text"))
						.addProperty("email", type("string").description("An e-mail address, at most 254 characters"))
						.description("Send id or email, or both; both are kept only as keyed digests"))
			.addSchemas("SdkAccepted",
					object("The event is stored", List.of("success")).addProperty("success", type("boolean")));
		openApi.path(EventRoutes.COLLECT, new PathItem().post(collect()));
		openApi.path(EventRoutes.SDK_QUERY, new PathItem().post(sdkQuery()));
		openApi.path(EventRoutes.SDK_EVENT, new PathItem().post(sdkEvent()));
		openApi.path(EventRoutes.SDK_IDENTIFY, new PathItem().post(sdkIdentify()));
	}

	private static Operation collect() {
		return new Operation().addTagsItem(TAG)
			.operationId("collect")
			.summary("Record a batch of exposures, goals and events (public, any origin)")
			.addParametersItem(new Parameter().in("path").name("project_key").required(true).schema(type("string")))
			.requestBody(body("CollectRequest", "Also read as JSON when sent as text/plain (sendBeacon)"))
			.responses(new ApiResponses().addApiResponse("202", answer("CollectAnswer", "Accepted after commit"))
				.addApiResponse("413", new ApiResponse().description("A body over 1 MiB or over 1,000 events"))
				.addApiResponse("409", new ApiResponse()
					.description("The new events would take the project past its storage quota; none stored")));
	}

	private static Operation sdkQuery() {
		return new Operation().addTagsItem(TAG)
			.operationId("sdkQuery")
			.summary("The arm of a user, recording the exposure (Mida's server-side SDKs)")
			.requestBody(body("SdkQuery", null))
			.responses(new ApiResponses().addApiResponse("200", answer("SdkArm", "The user's arm")));
	}

	private static Operation sdkEvent() {
		return new Operation().addTagsItem(TAG)
			.operationId("sdkEvent")
			.summary("Record a named event of a user (Mida's server-side SDKs)")
			.requestBody(body("SdkEvent", null))
			.responses(new ApiResponses().addApiResponse("202", answer("SdkAccepted", "Stored")));
	}

	private static Operation sdkIdentify() {
		return new Operation().addTagsItem(TAG)
			.operationId("sdkIdentify")
			.summary("Link a visitor to the site's user id or e-mail (browser script's identify(), SDKs)")
			.requestBody(body("SdkIdentify", null))
			.responses(new ApiResponses().addApiResponse("200", answer("SdkAccepted", "Stored")));
	}

	private static Schema<?> collectEvent() {
		return object("An exposure, a goal conversion or a named event", List.of("type", "visitor_id"))
			.addProperty("type", new JsonSchema().typesItem("string")._enum(List.of("exposure", "goal", "event")))
			.addProperty("visitor_id", type("string").description("1 to 128 characters, no control characters"))
			.addProperty("event_id", eventId())
			.addProperty("test_id", type("integer").description("exposure: the experiment"))
			.addProperty("variant_id", type("string").description("exposure: the arm, \"0\" for Control"))
			.addProperty("attributes",
					type("object").description("exposure: the visitor's device, browser, "
							+ "country, source, landing_page, utm_*, visitor_type, region and city"))
			.addProperty("goal_key", type("string").description("goal: the goal's key"))
			.addProperty("name", type("string").description("event: the event name"))
			.addProperty("properties", type("object").description("event: a number revenue is its revenue"));
	}

	private static Schema<?> distinctId() {
		return type("string")
			.description("The user's stable id, 1 to 128 characters; an integer is taken as its " + "decimal text");
	}

	private static Schema<?> eventId() {
		return type("string").description("Optional, at most 64 characters: a retry with the same id counts once");
	}

	private static RequestBody body(String schema, String description) {
		MediaType media = new MediaType().schema(ref(schema));
		return new RequestBody().required(true)
			.description(description)
			.content(new Content().addMediaType("application/json", media).addMediaType("text/plain", media));
	}

	private static ApiResponse answer(String schema, String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType("application/json", new MediaType().schema(ref(schema))));
	}

	private static Schema<?> object(String description, List<String> required) {
		return type("object").description(description).required(required);
	}

	private static Schema<?> array(Schema<?> items) {
		return type("array").items(items);
	}

	private static Schema<?> type(String type) {
		return new JsonSchema().typesItem(type);
	}

	private static Schema<?> ref(String name) {
		return new JsonSchema().$ref("#/components/schemas/" + name);
	}

}
