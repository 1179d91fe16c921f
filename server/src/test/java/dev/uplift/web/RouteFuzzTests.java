package dev.uplift.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import dev.uplift.support.Organizations;
import dev.uplift.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Property-based fuzzing of every route: paths, query strings, headers and bodies built
 * from malformed and hostile parts, sent byte for byte. Whatever the request, the answer
 * is never a 5xx, and every 4xx carries the API's error body with a message free of Java
 * and parser internals. The routes are read from Spring MVC's mappings, so a new route is
 * fuzzed without being listed. Requests go to a project of an organization of its own, so
 * that what they change (keys revoked, experiments created) touches no other test.
 * Bounded: about 1,300 requests, some ten seconds.
 */
class RouteFuzzTests extends IntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String TENANT_KEY = "fuzz-tenant-key-0123456789abcdefghijklmnopq";

	private static final String TENANT_PROJECT = "FuzzTenantProject00001";

	/**
	 * Parts that are malformed or sit at the edge of what a parameter takes; all legal in
	 * a request line.
	 */
	private static final List<String> HOSTILE = List.of("", "0", "1", "-1", "+1", "0x10", "1e3", "1.5",
			"9223372036854775807", "9223372036854775808", "99999999999999999999", "%EF%BC%91%EF%BC%92", "%ff", "%",
			"%zz", "%00", "%2e%2e", "..", "%3B", "a%20b", "%C0%AF", "%ED%A0%80", "null", "true", "%5B%5D", "%7B%7D",
			"%3Cscript%3E", "'", "%22", "a".repeat(3000), "%E2%80%AE", "2024-01-01", "%2B999999999-12-31",
			"-999999999-01-01", "2024-02-30", "5.5", "%2B99:00", "NaN", "Infinity", "-0", "%F0%9F%98%80", "%0D%0A");

	private static final List<String> PARAMETERS = List.of("limit", "offset", "start_date", "end_date", "tz",
			"goal_key", "goal_profile_id", "include_inactive", "preview", "confirm", "status", "key", "%ff", "a[b]");

	private static final List<String> CONTENT_TYPES = List.of("", "application/json", "text/plain;charset=UTF-8", "*/*",
			"application/*", "garbage", "application/json; charset=utf-16", "application/json; charset=bogus",
			"application/x-ndjson", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/html",
			";;;", "application/json; =");

	private static final List<String> ACCEPTS = List.of("", "*/*", "application/json", "application/xml", "text/html",
			"garbage", "application/json;q=0", "image/png");

	private static final List<String> FIELDS = List.of("test_name", "url", "variants", "status", "name", "events",
			"key", "distinct_id", "experiment_key", "goal_name", "goal_type", "goal_value", "primary_goal", "page_urls",
			"configuration", "weights", "website_name", "time_zone", "type", "visitor_id", "test_id", "variant_id",
			"goal_key", "properties", "attributes", "event_id", "ts", "data", "custom_js", "customCSS", "bayesian");

	private static final List<String> SCALARS = List.of("0", "-1", "1.5", "1e400", "-0", "99999999999999999999999",
			"true", "false", "null", "\"\"", "\" \"", "\"javascript:alert(1)\"", "\"\\ud800\"", "\"\\u0000\"",
			"\"+999999999-12-31\"", "\"" + "b".repeat(5000) + "\"", "\"exposure\"", "\"goal\"", "\"event\"",
			"\"" + TENANT_PROJECT + "\"", "\"1\"", "1");

	private static final List<String> MALFORMED = List.of("{", "}", "[", "nul", "{\"a\":}", "\u0000", "{\"a\":1}{",
			"[".repeat(3000), "\"\\ud800\"", "{\"a\":\"\\uZZZZ\"}", "{\"events\":", "{'a':1}", "{\"a\" 1}", "1 2",
			"{\"events\":[{\"type\":\"goal\",\"visitor_id\":\"v\",\"goal_key\":\"g\"}],\"events\":5}");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Autowired
	private JdbcClient jdbc;

	private List<Route> routes;

	private long experiment;

	@BeforeEach
	void tenantAndRoutes() {
		if (this.jdbc.sql("SELECT COUNT(*) FROM projects WHERE project_key = ?")
			.param(TENANT_PROJECT)
			.query(Long.class)
			.single() == 0) {
			createTenant();
		}
		this.experiment = Experiments.create(this.api.withKey(TENANT_KEY), "/v2/project/" + TENANT_PROJECT, "Fuzzed",
				"fuzzed-goal-" + System.nanoTime(), 1);
		this.routes = routes();
		assertThat(this.routes).hasSizeGreaterThan(25);
		// The OpenAPI document is built on its first request, which takes seconds on a
		// busy
		// machine: built here, the fuzz's short read timeout measures answers, not that.
		assertThat(this.anonymous.get("/v3/api-docs").status()).isEqualTo(200);
	}

	@Test
	void everyRouteAnswersEachMalformedPartWithA4xxErrorBody() {
		for (Route route : this.routes) {
			// Actuator's metrics answer the operator's key only; that key is not used
			// where it could be revoked.
			String key = route.pattern().startsWith("/actuator/") ? "Authorization: Bearer " + API_KEY + "\r\n"
					: auth();
			for (String hostile : List.of("%ff", "..", "99999999999999999999", "%EF%BC%91%ED%A0%80", "no.such")) {
				assertAnswered(route.method(), route.fill((name) -> hostile), key, "", null);
				assertAnswered(route.method(), route.fill(this::valid) + "?" + hostile + "=" + hostile, "", "", null);
			}
			assertAnswered("OPTIONS", route.fill(this::valid), "",
					"Origin: https://evil.example\r\nAccess-Control-Request-Method: DELETE\r\n"
							+ "Access-Control-Request-Headers: x-evil\r\n",
					null);
			if (!route.takesBody()) {
				continue;
			}
			for (String contentType : List.of("*/*", "application/*", "garbage", ";;;",
					"application/json; charset=bogus", "application/x-www-form-urlencoded")) {
				assertAnswered(route.method(), route.fill(this::valid), auth(), header("Content-Type", contentType),
						"{\"name\":{}}".getBytes(StandardCharsets.UTF_8));
			}
			for (String body : MALFORMED) {
				assertAnswered(route.method(), route.fill(this::valid), auth(),
						header("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
			}
		}
	}

	@Test
	void randomPathsAndQueriesAreAnsweredWithA4xxErrorBody() {
		Gen<String> target = Generate.pick(this.routes)
			.zip(values(), lists().of(parameter()).ofSizeBetween(0, 4),
					(route, value, query) -> route.fill((name) -> (value.isEmpty() ? valid(name) : value))
							+ (query.isEmpty() ? "" : "?" + String.join("&", query)));
		qt().withExamples(250)
			.withShrinkCycles(20)
			.forAll(target, Generate.pick(List.of("GET", "POST", "DELETE", "PATCH", "PUT", "HEAD", "OPTIONS", "TRACE")),
					Generate.booleans())
			.checkAssert((path, method, keyed) -> assertAnswered(method, path, keyed ? auth() : "", "", null));
	}

	@Test
	void randomHeadersAndBodiesOnBodyRoutesAreAnsweredWithA4xxErrorBody() {
		List<Route> bodyRoutes = this.routes.stream().filter(Route::takesBody).toList();
		Gen<String> headers = Generate.pick(CONTENT_TYPES)
			.zip(Generate.pick(ACCEPTS),
					Generate
						.pick(List.of("", auth(), "Authorization: Bearer\r\n", "Authorization: Basic Zm9vOmJhcg==\r\n",
								"x-api-key: " + "k".repeat(5000) + "\r\n", "api-key: " + TENANT_KEY + "\r\n")),
					(type, accept, key) -> header("Content-Type", type) + header("Accept", accept) + key);
		qt().withExamples(400)
			.withShrinkCycles(20)
			.forAll(Generate.pick(bodyRoutes), headers, body())
			.checkAssert(
					(route, head, body) -> assertAnswered(route.method(), route.fill(this::valid), "", head, body));
	}

	private void assertAnswered(String method, String target, String auth, String headers, byte[] body) {
		RawHttp.Response response = RawHttp.sendBytes(port(), method, target, auth + headers, body);
		String request = method + " " + shortened(target) + " [" + shortened(headers.replace("\r\n", " | ")) + "] "
				+ ((body != null) ? shortened(new String(body, StandardCharsets.UTF_8)) : "");
		// The routes of a product Uplift does not offer answer 501 to what reaches them;
		// no
		// other 5xx anywhere.
		boolean notOffered = target.contains("/personalization/") && response.status() == 501;
		if (!notOffered) {
			assertThat(response.status()).as(request + " -> " + response.body()).isLessThan(500);
		}
		if (response.status() < 400 || method.equals("HEAD")) {
			return;
		}
		String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
		if (path.startsWith("/share/") && !path.endsWith(".json")
				&& String.valueOf(response.header("Content-Type")).startsWith("text/html")) {
			// People open share links: a link that does not work gets a page for them,
			// its JSON twin the error body.
			assertThat(response.body()).as(request).doesNotContain("java.").doesNotContain("Exception");
			return;
		}
		assertThat(response.header("Content-Type")).as(request + " -> " + response.head())
			.startsWith("application/json");
		JsonNode error = json.readTree(response.body());
		assertThat(error.get("success").asBoolean()).as(request).isFalse();
		assertThat(error.get("error").asString()).as(request)
			.isNotBlank()
			.doesNotContain("java.")
			.doesNotContain("Exception")
			.doesNotContain("`")
			.doesNotContain("dev.uplift");
	}

	/**
	 * The value of a path variable on the happy path: the tenant's project, its
	 * experiment.
	 */
	private String valid(String variable) {
		return switch (variable) {
			case "project_key" -> TENANT_PROJECT;
			case "test_id", "testId" -> Long.toString(this.experiment);
			case "token" -> "AAAAAAAAAAAAAAAAAAAAAAAAAAAA";
			default -> "1";
		};
	}

	private static Gen<String> values() {
		return Generate.pick(HOSTILE).mix(Generate.constant(""), 30).mix(encoded(), 30);
	}

	private static Gen<String> encoded() {
		return strings().allPossible()
			.ofLengthBetween(0, 12)
			.map((text) -> URLEncoder.encode(text, StandardCharsets.UTF_8))
			.mix(integers().between(0, 255).map((b) -> "%" + HexFormat.of().toHexDigits((byte) b.intValue())), 20);
	}

	private static Gen<String> parameter() {
		return Generate.pick(PARAMETERS).zip(values(), (name, value) -> name + "=" + value);
	}

	private static Gen<byte[]> body() {
		Gen<String> object = lists()
			.of(Generate.pick(FIELDS).zip(value(), (name, value) -> "\"" + name + "\":" + value))
			.ofSizeBetween(0, 6)
			.map((members) -> "{" + String.join(",", members) + "}");
		Gen<String> events = lists().of(object)
			.ofSizeBetween(0, 3)
			.map((list) -> "{\"events\":[" + String.join(",", list) + "]}");
		Gen<String> text = object.mix(events, 30)
			.mix(Generate.pick(MALFORMED), 20)
			.mix(object.zip(object, (a, b) -> a + "\n" + b + "\n\n"), 10);
		return text.map((string) -> string.getBytes(StandardCharsets.UTF_8))
			.mix(Generate.pick(List.of(new byte[] { '"', (byte) 0xC0, (byte) 0xAF, '"' }, new byte[] { (byte) 0xFF },
					new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}' },
					new byte[] { (byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}' }, new byte[0])), 10);
	}

	private static Gen<String> value() {
		Gen<String> scalar = Generate.pick(SCALARS);
		Gen<String> list = lists().of(scalar).ofSizeBetween(0, 3).map((items) -> "[" + String.join(",", items) + "]");
		Gen<String> nested = lists().of(Generate.pick(FIELDS).zip(scalar.mix(list, 30), (k, v) -> "\"" + k + "\":" + v))
			.ofSizeBetween(0, 3)
			.map((members) -> "{" + String.join(",", members) + "}");
		return scalar.mix(list, 20).mix(nested, 25);
	}

	private List<Route> routes() {
		Set<String> seen = new TreeSet<>();
		List<Route> routes = new ArrayList<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST)
						: methods) {
					if (!pattern.equals("/error") && seen.add(method + " " + pattern)) {
						routes.add(new Route(method.name(), pattern));
					}
				}
			}
		}
		for (String pattern : List.of("/snippet.js", "/dashboard/dashboard.js", "/actuator/health", "/actuator/metrics",
				"/actuator/metrics/{name}")) {
			routes.add(new Route("GET", pattern));
		}
		// The event routes are served by a filter ahead of Spring MVC, with no MVC
		// mapping.
		for (String pattern : List.of("/v2/project/{project_key}/collect", "/experiment/query", "/experiment/event")) {
			routes.add(new Route("POST", pattern));
		}
		return routes;
	}

	private void createTenant() {
		long organization = Organizations.insertWithProject(this.jdbc, "Fuzz", TENANT_PROJECT);
		this.jdbc.sql("""
				INSERT INTO api_keys (organization_id, name, prefix, key_hash, created_at)
				VALUES (?, 'fuzz', ?, ?, 0)
				""").param(organization).param(TENANT_KEY.substring(0, 8)).param(sha256(TENANT_KEY)).update();
	}

	private static String auth() {
		return "Authorization: Bearer " + TENANT_KEY + "\r\n";
	}

	private static String header(String name, String value) {
		return value.isEmpty() ? "" : name + ": " + value + "\r\n";
	}

	private static String shortened(String text) {
		return (text.length() <= 160) ? text : text.substring(0, 160) + "...(" + text.length() + ")";
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One route: a method and Spring's path pattern, whose variables are filled per
	 * request.
	 */
	private record Route(String method, String pattern) {

		boolean takesBody() {
			return Set.of("POST", "PATCH", "PUT").contains(this.method);
		}

		/**
		 * The pattern with each {variable} (or {variable:regex}) replaced by the value
		 * for its name.
		 */
		String fill(java.util.function.Function<String, String> values) {
			StringBuilder path = new StringBuilder();
			int at = 0;
			while (at < this.pattern.length()) {
				char c = this.pattern.charAt(at);
				if (c != '{') {
					path.append(c);
					at++;
					continue;
				}
				int depth = 0;
				int end = at;
				do {
					depth += (this.pattern.charAt(end) == '{') ? 1 : (this.pattern.charAt(end) == '}') ? -1 : 0;
					end++;
				}
				while (depth > 0);
				String variable = this.pattern.substring(at + 1, end - 1).split(":", 2)[0].toLowerCase(Locale.ROOT);
				path.append(values.apply(variable.equals("testid") ? "testId" : variable));
				at = end;
			}
			return path.toString();
		}

	}

}
