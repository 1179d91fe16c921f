package dev.uplift.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.uplift.error.InvalidInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PageRulesTests {

	// The browser script's semantics, shared with its page-rules.test.mjs.
	private static final Path VECTORS = Path.of("..", "testdata", "page-rule-vectors.json");

	@Test
	void matchesWhenSharedCasesAgreesWithTheBrowserScript() throws IOException {
		JsonNode cases = JsonMapper.shared().readTree(Files.readString(VECTORS)).get("cases");
		assertThat(cases.size()).isGreaterThanOrEqualTo(50);
		for (JsonNode vector : cases) {
			List<JsonNode> entries = new ArrayList<>();
			vector.get("page_urls").forEach(entries::add);
			PageRules rules = PageRules.read(entries);
			assertThat(rules.matches(vector.get("page").asString())).as(vector.get("name").asString())
				.isEqualTo(vector.get("expected").asBoolean());
		}
	}

	@Test
	void readAcceptsPlainAddressesAndRuleObjects() {
		PageRules rules = read("""
				["https://example.com/pricing", {"url": "/blog/", "rule": "contain"},
				 {"url": "^https://example\\\\.com/p/[0-9]+$", "rule": "regex"},
				 {"url": "/blog/draft", "rule": "contain", "allowed": false}]
				""");
		assertThat(rules.rules()).hasSize(4);
		assertThat(rules.rules().get(0).rule()).isEqualTo("simple");
		assertThat(rules.matches("http://www.example.com/pricing/")).isTrue();
		assertThat(rules.matches("https://example.com/blog/post")).isTrue();
		assertThat(rules.matches("https://example.com/blog/draft-1")).isFalse();
		assertThat(rules.matches("https://example.com/p/42")).isTrue();
		assertThat(rules.matches("https://example.com/about")).isFalse();
		assertThat(rules.firstPlainAddress()).isEqualTo("https://example.com/pricing");
	}

	@Test
	void readWhenWildcardUnderLiteralRulePointsToContain() {
		for (String rule : List.of("simple", "exact", "contain")) {
			assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> read("[{\"url\": \"https://example.com/*\", \"rule\": \"" + rule + "\"}]"))
				.withMessageContaining("'page_urls[0].url' contains '*'")
				.withMessageContaining("use rule 'contain'");
		}
	}

	@Test
	void readWhenOnlyExclusionsThrowsBadRequest() {
		assertThatExceptionOfType(InvalidInput.class)
			.isThrownBy(() -> read("[{\"url\": \"/a\", \"rule\": \"contain\", \"allowed\": false}]"))
			.withMessageContaining("at least one page");
	}

	@Test
	void readWhenRegexDoesNotCompileThrowsBadRequest() {
		assertThatExceptionOfType(InvalidInput.class)
			.isThrownBy(() -> read("[{\"url\": \"[a-\", \"rule\": \"regex\"}]"))
			.withMessageContaining("'page_urls[0].url' is not a valid regular expression");
	}

	@Test
	void readWhenEntryMalformedThrowsBadRequest() {
		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> read("[42]"))
			.withMessageContaining("'page_urls[0]' must be an object");
		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> read("[{\"rule\": \"exact\"}]"))
			.withMessageContaining("'page_urls[0].url' is required");
		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> read("[{\"url\": \"/a\", \"allowed\": \"no\"}]"))
			.withMessageContaining("'page_urls[0].allowed' must be 0 or 1");
	}

	@Test
	void storedRulesReadBackEqual() {
		PageRules rules = read(
				"[\"https://example.com/\", {\"url\": \"/x\", \"rule\": \"contain\", \"allowed\": false}]");
		assertThat(PageRules.fromJson(rules.toJson())).isEqualTo(rules);
		assertThat(PageRules.fromJson(null)).isEqualTo(PageRules.NONE);
	}

	@Test
	void requireCoversWhenEditorUrlIsAPathTakesItOnAnySiteButNotForAHostRule() {
		read("[\"/demo\"]").requireCovers("/demo");
		read("[{\"url\": \"/blog/\", \"rule\": \"contain\"}]").requireCovers("/blog/a");
		assertThatExceptionOfType(InvalidInput.class)
			.isThrownBy(() -> read("[\"https://example.com/demo\"]").requireCovers("/demo"));
	}

	@Test
	void requireCoversRejectsAnEditorUrlOutsideTheRules() {
		PageRules rules = read("[{\"url\": \"/blog/\", \"rule\": \"contain\"}]");
		rules.requireCovers("https://example.com/blog/a");
		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> rules.requireCovers("https://example.com/shop"))
			.withMessageContaining("'url' (the editor URL)");
	}

	private static PageRules read(String json) {
		JsonNode node = JsonMapper.shared().readTree(json);
		return PageRules.read(List.copyOf(node.values()));
	}

}
