package dev.uplift.dashboard;

import dev.uplift.project.ProjectService;
import dev.uplift.support.ApiClient;
import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo site and the demo experiment that the first start gives the bootstrap project.
 */
class DemoTests extends IntegrationTest {

	@Autowired
	private DemoExperiment demo;

	@Autowired
	private ProjectService projects;

	@Autowired
	private DemoOrigin origin;

	@Test
	void demoWhenAskedOnTheServersPortRedirectsToItsOwnOrigin() {
		Response redirect = this.anonymous.get("/demo/thanks?email=a%40b.c");

		assertThat(redirect.status()).isEqualTo(302);
		assertThat(this.origin.port()).isPositive().isNotEqualTo(port());
		assertThat(redirect.header("Location"))
			.isEqualTo("http://localhost:" + this.origin.port() + "/demo/thanks?email=a%40b.c");
		assertThat(redirect.header("Cache-Control")).isEqualTo("no-store");
	}

	@Test
	void demoOriginServesTheDemoAndTrackingButNotTheDashboardOrTheApi() {
		ApiClient demoOrigin = demoOrigin().withKey(API_KEY);

		assertThat(demoOrigin.get("/snippet.js").status()).isEqualTo(200);
		assertThat(demoOrigin.get(project("/client-config")).status()).isEqualTo(200);
		for (String path : new String[] { "/dashboard", "/dashboard/app.js", project("/experiments"), "/docs",
				"/actuator/health", "/share/1/x" }) {
			Response refused = demoOrigin.get(path);
			assertThat(refused.status()).as(path).isEqualTo(404);
			assertThat(refused.json().get("success").asBoolean()).as(path).isFalse();
		}
	}

	@Test
	void demoPageHasTheScriptOfTheBootstrapProjectAButtonAFormAndALink() {
		Response page = demoOrigin().get("/demo");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).isEqualTo("text/html;charset=UTF-8");
		assertThat(page.body()).contains("<script async src=\"/snippet.js?key=" + PROJECT_KEY + "\"></script>")
			.contains("class=\"cta-button\"")
			.contains("<form id=\"signup\"")
			.contains("href=\"/demo/thanks\"")
			.contains("uplift.getVariant(" + demoTestId() + ")");
	}

	@Test
	void demoThanksPageHasTheScript() {
		Response page = demoOrigin().get("/demo/thanks");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("/snippet.js?key=" + PROJECT_KEY).contains("Thank you");
	}

	@Test
	void demoExperimentIsLiveWithAGreenVariantAndThreeGoals() {
		JsonNode demo = demoExperiment();
		assertThat(demo.get("status").asString()).isEqualTo("live");
		assertThat(demo.get("page_urls").toString())
			.isEqualTo("[{\"url\":\"/demo\",\"rule\":\"simple\",\"allowed\":true}]");
		JsonNode green = demo.at("/variants/1");
		assertThat(green.get("nickname").asString()).isEqualTo("Green button");
		assertThat(green.get("css").asString()).startsWith(".cta-button {").contains("#16a34a");
		assertThat(demo.get("goals").toString()).isEqualTo(
				"[{\"goal_key\":\"demo_cta_click\",\"goal_type\":\"clickOnElement\",\"goal_value\":\".cta-button\"},"
						+ "{\"goal_key\":\"demo_signup\",\"goal_type\":\"formSubmit\",\"goal_value\":\"form#signup\"},"
						+ "{\"goal_key\":\"demo_thanks\",\"goal_type\":\"pageview\",\"goal_value\":\"/demo/thanks\"}]");
		Response result = this.api.get(project("/experiment/" + demoTestId() + "/result"));
		assertThat(result.status()).isEqualTo(200);
		assertThat(result.json().get("test_name").asString()).isEqualTo("Demo: CTA colour");
		assertThat(result.json().at("/variants/1/name").asString()).isEqualTo("Green button");
	}

	@Test
	void demoExperimentIsNotCreatedAgainOnceTheProjectHasHadAnExperiment() {
		assertThat(this.demo.create(this.projects.findBootstrap().orElseThrow())).isEmpty();
		assertThat(this.anonymous.get(project("/client-config"))
			.body()
			.split("\"experiment_key\":\"" + DemoExperiment.KEY + "\"", -1)).hasSize(2);
	}

	private ApiClient demoOrigin() {
		return new ApiClient("http://localhost:" + this.origin.port(), null);
	}

	private long demoTestId() {
		return demoExperiment().get("test_id").asLong();
	}

	private JsonNode demoExperiment() {
		for (JsonNode experiment : this.anonymous.get(project("/client-config")).json().get("experiments")) {
			if (experiment.get("experiment_key").asString().equals(DemoExperiment.KEY)) {
				return experiment;
			}
		}
		throw new AssertionError("The demo experiment is not live");
	}

}
