package dev.uplift.web;

import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS on purpose: the API-key routes answer the configured origin and refuse others in
 * the API's error body; the public tracking routes still answer any origin; every
 * preflight gets an answer.
 */
@TestPropertySource(properties = "uplift.cors.allowed-origins=https://admin.example.com, https://*.ops.example.com")
class CrossOriginTests extends IntegrationTest {

	@ParameterizedTest
	@ValueSource(strings = { "/experiments", "/api-keys", "/experiment/1/result", "/create-experiment" })
	void preflightOfAuthenticatedRouteFromUnlistedOriginReturns403WithErrorBody(String route) {
		Response response = preflight(project(route), "https://evil.example", "GET");
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.json().get("success").asBoolean()).isFalse();
		assertThat(response.json().get("error").asString()).startsWith("Cross-origin request refused");
		assertThat(response.header("Access-Control-Allow-Origin")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://admin.example.com", "https://eu.ops.example.com" })
	void preflightOfAuthenticatedRouteFromConfiguredOriginReturns204WithItsHeaders(String origin) {
		Response response = this.anonymous.sendWithHeaders("OPTIONS", project("/experiments"),
				Map.of("Origin", origin, "Access-Control-Request-Method", "PATCH", "Access-Control-Request-Headers",
						"authorization, content-type"),
				null);
		assertThat(response.status()).isEqualTo(204);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(origin);
		assertThat(response.header("Access-Control-Allow-Methods")).contains("PATCH");
		assertThat(response.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
	}

	@Test
	void requestFromConfiguredOriginCarriesTheAllowOriginHeader() {
		Response response = this.api.sendWithHeaders("GET", project("/experiments"),
				Map.of("Origin", "https://admin.example.com", "Authorization", "Bearer " + API_KEY), null);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("https://admin.example.com");
	}

	@Test
	void requestFromUnlistedOriginGetsNoAllowOriginHeader() {
		Response response = this.api.sendWithHeaders("GET", project("/experiments"),
				Map.of("Origin", "https://evil.example", "Authorization", "Bearer " + API_KEY), null);
		assertThat(response.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void preflightOfUnknownRouteIsAnswered() {
		assertThat(preflight("/no/such/route", "https://evil.example", "GET").status()).isEqualTo(403);
		assertThat(preflight("/no/such/route", "https://admin.example.com", "GET").status()).isEqualTo(204);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/collect", "/client-config" })
	void preflightOfPublicTrackingRouteAllowsAnyOrigin(String route) {
		Response response = preflight(project(route), "https://shop.example", "POST");
		assertThat(response.status()).isBetween(200, 204);
		assertThat(response.header("Access-Control-Allow-Origin")).isIn("*", "https://shop.example");
	}

	private Response preflight(String path, String origin, String method) {
		return this.anonymous.sendWithHeaders("OPTIONS", path,
				Map.of("Origin", origin, "Access-Control-Request-Method", method), null);
	}

}
