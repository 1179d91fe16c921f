package dev.uplift.web;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The OpenAPI document of the API ({@code /v3/api-docs}, Swagger UI at {@code /docs},
 * checked in as {@code docs/openapi.json}): its description, and the error answers of
 * every operation, all in the one {@link ErrorBody}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

	/** The name of the error body's schema in the document's components. */
	static final String ERROR_BODY = "ErrorBody";

	private static final String DESCRIPTION = """
			Self-hosted A/B testing with a Mida REST API V2 compatible control plane (API key), \
			public tracking routes for the browser script and the server-side SDKs, and results \
			with Bayesian and frequentist statistics. Every error is answered with \
			`{"success": false, "error": "..."}` and the status code of its kind.""";

	static {
		// A JSON value of any shape (DOM changes, targeting rules), not the node's Java
		// bean properties.
		SpringDocUtils.getConfig()
			.replaceWithSchema(JsonNode.class, new JsonSchema())
			.replaceWithSchema(ObjectNode.class, new JsonSchema().typesItem("object"))
			.replaceWithSchema(ArrayNode.class, new JsonSchema().typesItem("array"));
	}

	/**
	 * The schemas' model reader: springdoc reads types with Jackson 2, which does not see
	 * the Jackson 3 {@code @JsonNaming} that gives the API its snake_case names; this one
	 * does, so the document names every property as the JSON does.
	 */
	@Bean
	ModelResolver jackson3NamingModelResolver() {
		ObjectMapper mapper = Json31.mapper().copy();
		mapper.setAnnotationIntrospector(new JacksonAnnotationIntrospector() {

			@Override
			public Object findNamingStrategy(AnnotatedClass type) {
				JsonNaming naming = type.getAnnotation(JsonNaming.class);
				if (naming != null && naming.value() == SnakeCaseStrategy.class) {
					return PropertyNamingStrategies.SnakeCaseStrategy.class;
				}
				return super.findNamingStrategy(type);
			}

		});
		return new ModelResolver(mapper).openapi31(true);
	}

	@Bean
	OpenAPI upliftOpenApi() {
		return new OpenAPI().info(new Info().title("Uplift").version("v2").description(DESCRIPTION))
			// Relative, so that the document is the same on every host and port.
			.servers(List.of(new Server().url("/").description("this server")));
	}

	/** The errors a handler declares with {@link ErrorAnswer}. */
	@Bean
	OperationCustomizer declaredErrors() {
		return (operation, handler) -> {
			ErrorAnswer answer = handler.getMethodAnnotation(ErrorAnswer.class);
			if (answer != null) {
				operation.getResponses()
					.addApiResponse(Integer.toString(answer.status()),
							new ApiResponse().description(answer.description()));
			}
			return operation;
		};
	}

	/**
	 * Lists on every operation the errors it can answer, after the other customizers have
	 * added their routes and security.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	OpenApiCustomizer errorResponses() {
		return (openApi) -> {
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			Components components = openApi.getComponents();
			components.addSchemas(ERROR_BODY, errorBodySchema());
			COMMON.forEach((name, error) -> components.addResponses(name, error.response()));
			openApi.getPaths().forEach((template, path) -> path.readOperations().forEach((operation) -> {
				addPathVariables(template, operation);
				addErrors(operation);
			}));
		};
	}

	/**
	 * Declares the path's variables that the handler does not take itself
	 * ({@code project_key}, which the API-key check reads).
	 */
	private static void addPathVariables(String template, Operation operation) {
		Matcher variable = PATH_VARIABLE.matcher(template);
		while (variable.find()) {
			String name = variable.group(1);
			List<Parameter> parameters = (operation.getParameters() != null) ? operation.getParameters() : List.of();
			if (parameters.stream().noneMatch((p) -> "path".equals(p.getIn()) && name.equals(p.getName()))) {
				operation.addParametersItem(new Parameter().in("path")
					.name(name)
					.required(true)
					.schema(new JsonSchema().typesItem("string")));
			}
		}
	}

	private static final Pattern PATH_VARIABLE = Pattern.compile("\\{(\\w+)}");

	private static void addErrors(Operation operation) {
		ApiResponses responses = operation.getResponses();
		if (responses == null) {
			responses = new ApiResponses();
			operation.setResponses(responses);
		}
		// Answers declared on the handler (409, 413, ...) get the error body too.
		for (Map.Entry<String, ApiResponse> declared : responses.entrySet()) {
			if (declared.getKey().startsWith("4") || declared.getKey().startsWith("5")) {
				declared.getValue().setContent(errorContent());
			}
		}
		addError(responses, "400", "BadRequest");
		if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
			addError(responses, "401", "Unauthorized");
		}
		addError(responses, "404", "NotFound");
		addError(responses, "406", "NotAcceptable");
		if (operation.getRequestBody() != null) {
			addError(responses, "415", "UnsupportedMediaType");
		}
		// Every route has a limit: per API key, per project and address on the public
		// routes, per address on failed authentication (TrafficLimits).
		addError(responses, "429", "TooManyRequests");
		addError(responses, "503", "Unavailable");
	}

	private static void addError(ApiResponses responses, String status, String name) {
		if (!responses.containsKey(status)) {
			responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + name));
		}
	}

	private static final Map<String, CommonError> COMMON = Map.of("BadRequest",
			new CommonError("Invalid input: the message names the path variable, parameter or field", false),
			"Unauthorized",
			new CommonError("No API key, or one that is unknown, revoked or of another organization", false),
			"NotFound", new CommonError("No such route, project or resource; the message names the id", false),
			"NotAcceptable",
			new CommonError("The Accept header rules out application/json, the only type the API answers", false),
			"UnsupportedMediaType", new CommonError("A body of a content type the route does not read", false),
			"TooManyRequests",
			new CommonError("Over a configured rate limit (docs/operations.md); retry after the Retry-After "
					+ "header's seconds", true),
			"Unavailable", new CommonError("The database or the ingestion queue is unavailable; retry after the "
					+ "Retry-After header's seconds", true));

	private static Schema<?> errorBodySchema() {
		return new JsonSchema().typesItem("object")
			.description("The one error body of the API")
			.required(List.of("success", "error"))
			.addProperty("success", new JsonSchema().typesItem("boolean").description("Always false"))
			.addProperty("error", new JsonSchema().typesItem("string").description("What went wrong, for people"));
	}

	/** The error body as the content of an answer. */
	private static Content errorContent() {
		return new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
				new MediaType().schema(new JsonSchema().$ref("#/components/schemas/" + ERROR_BODY)));
	}

	private record CommonError(String description, boolean retryAfter) {

		ApiResponse response() {
			ApiResponse response = new ApiResponse().description(this.description).content(errorContent());
			if (this.retryAfter) {
				response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
					.schema(new JsonSchema().typesItem("integer")));
			}
			return response;
		}

	}

}
