package dev.uplift.experiment;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

import dev.uplift.error.InvalidInput;

/**
 * One arm as create and update send it; null means not sent (kept on update, empty on
 * create).
 *
 * @param name the arm's name: a name other than its fixed one ({@code Variant N}) is its
 * nickname when none is sent
 * @param nickname its label
 * @param customCss its CSS ({@code customCSS} or {@code custom_css})
 * @param customJs its JavaScript ({@code customJS} or {@code custom_js})
 * @param data its DOM changes, {@code []} for code-only arms; a split-URL treatment's
 * redirect {@code [{url, relay_param}]}
 * @param layer a multivariate test's layer, which Uplift does not run
 * @param targeting a personalization's audience, which Uplift does not run
 * @param unknown fields that are not part of an arm
 */
record VariantRequest(@Size(max = VariantDraft.MAX_NICKNAME_LENGTH, message = GoalRequest.MAX_LENGTH) String name,
		@Size(max = VariantDraft.MAX_NICKNAME_LENGTH, message = GoalRequest.MAX_LENGTH) String nickname,
		@JsonProperty("customCSS") @JsonAlias("custom_css") @Size(max = VariantDraft.MAX_CODE_LENGTH,
				message = GoalRequest.MAX_LENGTH) String customCss,
		@JsonProperty("customJS") @JsonAlias("custom_js") @Size(max = VariantDraft.MAX_CODE_LENGTH,
				message = GoalRequest.MAX_LENGTH) String customJs,
		JsonNode data, JsonNode layer, JsonNode targeting, @JsonAnySetter Map<String, JsonNode> unknown) {

	/** The arm at this index; {@code path} names it in errors ({@code "variants[0]"}). */
	VariantDraft draft(int index, String path) {
		String nickname = this.nickname;
		if (nickname == null && this.name != null && !this.name.isBlank()
				&& !this.name.strip().equals(Variant.nameOf(index))) {
			nickname = this.name.strip();
		}
		if (this.data != null && !this.data.isArray()) {
			throw new InvalidInput(path + ".data",
					"'" + path + ".data' must be an array of DOM changes ([] for code-only variants)");
		}
		String data = (this.data != null) ? this.data.toString() : null;
		if (data != null && data.length() > VariantDraft.MAX_DATA_LENGTH) {
			throw new InvalidInput(path + ".data",
					"'" + path + ".data' must have at most " + VariantDraft.MAX_DATA_LENGTH + " characters of JSON");
		}
		return new VariantDraft(nickname, this.customCss, this.customJs, data);
	}

}
