package dev.uplift.web;

import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;
import dev.uplift.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed requests that once answered 500 or an HTML page: each gets a 4xx with the
 * API's error body, naming what is wrong in the API's words, and leaves no stack trace in
 * the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTests extends IntegrationTest {

	@Test
	void clientConfigWhenQueryHasInvalidPercentEncodingReturns400AndLogsNothing(CapturedOutput output) {
		for (int i = 0; i < 50; i++) {
			RawHttp.Response response = RawHttp.get(port(), project("/client-config?%ff=1"));
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.body()).isEqualTo(
					"{\"success\":false,\"error\":\"Malformed query string: parameters must be percent-encoded UTF-8\"}");
		}
		assertThat(output.getAll()).doesNotContain("InvalidParameterException").doesNotContain("\tat ");
	}

	@Test
	void authenticatedListWhenQueryHasInvalidPercentEncodingReturns400() {
		RawHttp.Response response = RawHttp.send(port(), "GET", project("/experiments?limit=%C0%AF"),
				"Authorization: Bearer " + API_KEY + "\r\n", null);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("percent-encoded UTF-8");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v2/project/%zz", "/a/../../b", "/v2/project/%00/experiments", "/%2e%2e/%2e%2e/etc" })
	void malformedUrlReturnsJsonErrorNotTomcatsPage(String target) {
		RawHttp.Response response = RawHttp.get(port(), target);
		assertThat(response.status()).isBetween(400, 499);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.body()).startsWith("{\"success\":false,\"error\":\"").doesNotContain("<html");
	}

	@Test
	void createExperimentWhenContentTypeIsWildcardReturns415() {
		Response response = this.api.send("POST", project("/create-experiment"), "*/*", "{}");
		assertThat(response.status()).isEqualTo(415);
		assertThat(response.json().get("error").asString()).contains("Content-Type").contains("application/json");
	}

	@Test
	void createExperimentWhenContentTypeIsNoMediaTypeReturns415() {
		Response response = this.api.send("POST", project("/create-experiment"), "json", "{}");
		assertThat(response.status()).isEqualTo(415);
	}

	@Test
	void resultWhenStartDateIsBeyondTheCalendarReturns400NamingIt() {
		Response response = this.api.get(project("/experiment/1/result?start_date=%2B999999999-12-31"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).startsWith("start_date must be a calendar date");
	}

	@Test
	void resultWhenDateHasOtherScriptsDigitsReturns400() {
		Response response = this.api.get(project("/experiment/1/result?end_date=%EF%BC%92024-01-01"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).startsWith("end_date must be a calendar date");
	}

	@Test
	void bodyWithWrongTypeNamesTheFieldNotTheJavaType() {
		Response response = this.api.post(project("/api-keys"), "{\"name\": {}}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("'name' must be a string");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "\"x\"", "{", "nul", "{\"name\": [1]}", "{\"name\": \"a\" \"b\"}" })
	void malformedBodyMessagesNameNoJavaTypeNorParserInternals(String body) {
		Response response = this.api.post(project("/api-keys"), body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).doesNotContain("`")
			.doesNotContain("java.")
			.doesNotContain("dev.uplift")
			.doesNotContain("JsonToken")
			.doesNotContain("Source");
	}

	@Test
	void listWhenOffsetNegativeNamesTheParameterNotTheMethod() {
		Response response = this.api.get(project("/experiments?offset=-1"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("offset must not be negative");
	}

	@Test
	void pathWithMatrixParametersReturns400AndRevokesNothing() {
		long id = this.api.post(project("/api-keys"), Map.of("name", "matrix")).json().get("id").asLong();
		RawHttp.Response response = RawHttp.send(port(), "DELETE", project("/api-keys/" + id + ";x=y"),
				"Authorization: Bearer " + API_KEY + "\r\n", null);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("Path parameters");
		assertThat(activeKeyIds()).contains(id);
	}

	@Test
	void apiKeyIdInFullWidthDigitsReturns400AndRevokesNothing() {
		long id = this.api.post(project("/api-keys"), Map.of("name", "wide")).json().get("id").asLong();
		String wide = String.valueOf(id)
			.chars()
			.mapToObj((c) -> String.valueOf((char) (c - '0' + '\uFF10')))
			.reduce("", String::concat);
		Response response = this.api
			.delete(project("/api-keys/" + java.net.URLEncoder.encode(wide, java.nio.charset.StandardCharsets.UTF_8)));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).startsWith("'id' must be a positive integer");
		assertThat(activeKeyIds()).contains(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0x1", "+1", "-1", "1e2", "%201" })
	void experimentIdThatIsNotPlainDigitsReturns400(String id) {
		Response response = this.api.get(project("/experiment/" + id + "/result"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).startsWith("'test_id' must be a positive integer");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/experiments", "/api-keys", "/experiment/1/result" })
	void preflightOfAuthenticatedRouteWhenNoOriginIsConfiguredReturns403(String route) {
		Response response = this.anonymous.sendWithHeaders("OPTIONS", project(route),
				Map.of("Origin", "https://elsewhere.example", "Access-Control-Request-Method", "GET"), null);
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.json().get("error").asString()).startsWith("Cross-origin request refused");
	}

	@Test
	void errorWhenAcceptAsksForAnotherTypeIsStillTheJsonErrorBody() {
		Response response = this.anonymous.sendWithHeaders("GET", project("/experiments"),
				Map.of("Accept", "application/xml"), null);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.json().get("success").asBoolean()).isFalse();
	}

	@Test
	void successWhenAcceptRulesOutJsonReturns406WithErrorBody() {
		Response response = this.api.sendWithHeaders("GET", project("/experiments"),
				Map.of("Accept", "image/png", "Authorization", "Bearer " + API_KEY), null);
		assertThat(response.status()).isEqualTo(406);
		assertThat(response.json().get("error").asString()).contains("application/json");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "/actuator/health/no-such-group", "/actuator/health/..", "/actuator/metrics/no.such.meter" })
	void actuatorsEmptyNotFoundGetsTheErrorBody(String path) {
		RawHttp.Response response = RawHttp.send(port(), "GET", path, "Authorization: Bearer " + API_KEY + "\r\n",
				null);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.body()).isEqualTo("{\"success\":false,\"error\":\"Not Found\"}");
	}

	@Test
	void preflightOfTrackingRouteForAMethodItDoesNotAllowReturns403WithErrorBody() {
		Response response = this.anonymous.sendWithHeaders("OPTIONS", project("/collect"),
				Map.of("Origin", "https://shop.example", "Access-Control-Request-Method", "DELETE"), null);
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.json().get("error").asString()).startsWith("Cross-origin request refused");
	}

	private java.util.List<Long> activeKeyIds() {
		java.util.List<Long> ids = new java.util.ArrayList<>();
		this.api.get(project("/api-keys")).json().get("api_keys").forEach((key) -> ids.add(key.get("id").asLong()));
		return ids;
	}

}
