package dev.uplift.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.uplift.support.IntegrationTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document served at {@code /v3/api-docs}: checked in as
 * {@code docs/openapi.json}, valid OpenAPI 3.1, and listing every route Uplift answers
 * with its error answers in the API's one error body.
 */
class OpenApiDocumentTests extends IntegrationTest {

	/** Set to {@code true} to write the served document to {@link #CHECKED_IN}. */
	static final String WRITE = "uplift.openapi.write";

	private static final Path CHECKED_IN = Path.of("..", "docs", "openapi.json");

	private static final JsonMapper json = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
		.build();

	/**
	 * Served by a filter ahead of Spring MVC (tracking.EventRoutes), with no MVC mapping.
	 */
	private static final List<String> EVENT_ROUTES = List.of("POST /v2/project/{project_key}/collect",
			"POST /experiment/query", "POST /experiment/event");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void servedDocumentIsTheCheckedInOne() throws IOException {
		String served = normalized(get("/v3/api-docs"));
		if (Boolean.getBoolean(WRITE)) {
			Files.writeString(CHECKED_IN, served, StandardCharsets.UTF_8);
		}
		String checkedIn = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN, StandardCharsets.UTF_8) : "";
		assertThat(served)
			.as("docs/openapi.json differs from the served document; regenerate it with "
					+ "./mvnw -pl server test -Dtest=OpenApiDocumentTests -D" + WRITE + "=true")
			.isEqualTo(checkedIn);
	}

	@Test
	void documentIsValidOpenApi31() {
		String document = get("/v3/api-docs");
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
		assertThat(result.getMessages()).isEmpty();
		assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1.");
		assertThat(result.getOpenAPI().getInfo().getTitle()).isEqualTo("Uplift");
	}

	@Test
	void everyRouteAppearsWithItsErrorAnswers() {
		JsonNode document = json.readTree(get("/v3/api-docs"));
		List<String> routes = new ArrayList<>(mvcRoutes());
		routes.addAll(EVENT_ROUTES);
		assertThat(routes).hasSizeGreaterThan(35);
		for (String route : routes) {
			String[] parts = route.split(" ", 2);
			JsonNode operation = document.path("paths").path(parts[1]).path(parts[0].toLowerCase());
			assertThat(operation.isObject()).as(route + " is in the document").isTrue();
			JsonNode responses = operation.path("responses");
			assertThat(responses.has("400")).as(route + " answers 400").isTrue();
			assertThat(responses.has("404")).as(route + " answers 404").isTrue();
			boolean keyed = (parts[1].startsWith("/v2/project/") && !parts[1].endsWith("/collect")
					&& !parts[1].endsWith("/client-config")) || parts[1].startsWith("/operations/");
			assertThat(responses.has("401")).as(route + " answers 401 exactly when it takes an API key")
				.isEqualTo(keyed);
			assertThat(operation.has("security")).as(route + " asks for an API key").isEqualTo(keyed);
			for (String status : responses.propertyNames()) {
				if (status.startsWith("4") || status.startsWith("5")) {
					assertThat(errorSchema(document, responses.path(status)))
						.as(route + " " + status + " answers the error body")
						.isEqualTo("#/components/schemas/ErrorBody");
				}
			}
		}
	}

	@Test
	void everyJsonRouteDescribesItsBodiesWithNamedSchemas() {
		JsonNode document = json.readTree(get("/v3/api-docs"));
		int checked = 0;
		for (String path : document.path("paths").propertyNames()) {
			// The dashboard, the demo and the share page answer HTML.
			if (!path.startsWith("/v2/") && !path.startsWith("/experiment/") && !path.endsWith(".json")) {
				continue;
			}
			// An export answers a stream of NDJSON lines, each an event in the import's
			// format.
			if (path.endsWith("/export")) {
				continue;
			}
			JsonNode operations = document.path("paths").path(path);
			for (String method : operations.propertyNames()) {
				JsonNode operation = operations.path(method);
				String route = method.toUpperCase(java.util.Locale.ROOT) + " " + path;
				JsonNode success = null;
				for (String status : operation.path("responses").propertyNames()) {
					if (status.startsWith("2")) {
						success = operation.path("responses").path(status);
					}
				}
				if (success == null && operation.path("responses").has("501")) {
					// A route of a product Uplift does not offer only ever answers 501.
					continue;
				}
				assertThat(success).as(route + " has a success answer").isNotNull();
				assertThat(success.path("content").path("application/json").path("schema").path("$ref").asString())
					.as(route + " answers a named schema")
					.startsWith("#/components/schemas/");
				// An import is a stream of NDJSON lines, each an event of its own.
				if (operation.has("requestBody") && !path.endsWith("/import")) {
					assertThat(operation.at("/requestBody/content/application~1json/schema/$ref").asString())
						.as(route + " reads a named schema")
						.startsWith("#/components/schemas/");
				}
				checked++;
			}
		}
		assertThat(checked).isGreaterThan(30);
	}

	@Test
	void swaggerUiIsServedAtDocsWithItsContentSecurityPolicy() {
		HttpResponse<String> docs = send("/docs");
		assertThat(docs.statusCode()).isEqualTo(302);
		String page = docs.headers().firstValue("Location").orElseThrow();
		HttpResponse<String> ui = send(URI.create("http://localhost:" + port()).resolve(page).getPath());
		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger-ui");
		assertThat(ui.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self';")
			.contains("frame-ancestors 'none'");
		assertThat(ui.headers().firstValue("X-Frame-Options")).hasValue("DENY");
	}

	/** The routes of the MVC mappings, but for the error page and the document's own. */
	private Set<String> mvcRoutes() {
		Set<String> routes = new TreeSet<>();
		this.mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
			if (!handler.getBeanType().getPackageName().startsWith("dev.uplift")) {
				return;
			}
			for (String pattern : info.getPatternValues()) {
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					if (!pattern.equals("/error")) {
						routes.add(method + " " + pattern.replaceAll("\\{(\\w+):[^/]*}", "{$1}"));
					}
				}
			}
		});
		return routes;
	}

	/** The schema reference of an error answer, followed through a response reference. */
	private static String errorSchema(JsonNode document, JsonNode response) {
		JsonNode answer = response;
		if (response.has("$ref")) {
			String name = response.get("$ref").asString().substring("#/components/responses/".length());
			answer = document.path("components").path("responses").path(name);
		}
		return answer.path("content").path("application/json").path("schema").path("$ref").asString();
	}

	private static String normalized(String document) {
		return json.writeValueAsString(json.readTree(document)) + "\n";
	}

	private String get(String path) {
		HttpResponse<String> response = send(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private HttpResponse<String> send(String path) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path)).build(),
						HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
