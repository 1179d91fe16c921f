package dev.uplift.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import dev.uplift.experiment.ExperimentSnapshot.VariantSnapshot;
import dev.uplift.results.ExperimentResult;
import dev.uplift.results.VariantTally;

import org.springframework.web.util.HtmlUtils;

/** The HTML of a public share page: the result table, escaped, with no script. */
final class SharePage {

	private static final String STYLE = """
			body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:52rem;padding:0 1rem;color:#1d2330}
			h1{font-size:1.4rem;margin-bottom:.2rem}.meta{color:#5b6475;margin-top:0}
			table{border-collapse:collapse;width:100%;margin-top:1.2rem}
			th,td{padding:.5rem .6rem;border-bottom:1px solid #e3e6ec;text-align:right}
			th:first-child,td:first-child{text-align:left}.up{color:#0a7d38}.down{color:#b3261e}
			""";

	/**
	 * The CSP source of the page's one inline style, so that the policy allows it and
	 * nothing else.
	 */
	static final String STYLE_HASH = "sha256-" + sha256(STYLE);

	private static final String TEMPLATE = """
			<!doctype html>
			<html lang="en">
			<head>
			<meta charset="utf-8">
			<meta name="viewport" content="width=device-width, initial-scale=1">
			<title>%1$s · Uplift results</title>
			<style>%7$s</style>
			</head>
			<body>
			<h1>%1$s</h1>
			<p class="meta">Status: %2$s · running %3$d days · goal: %4$s · <a href="%6$s.json">JSON</a></p>
			<table>
			<thead><tr><th>Variant</th><th>Visitors</th><th>Conversions</th><th>Conversion rate</th><th>Improvement</th></tr></thead>
			<tbody>
			%5$s</tbody>
			</table>
			</body>
			</html>
			""";

	private SharePage() {
	}

	static String render(ExperimentResult result, String token) {
		StringBuilder rows = new StringBuilder();
		List<VariantTally> tallies = result.tallies();
		for (VariantSnapshot variant : result.experiment().variants()) {
			VariantTally tally = tallies.get(variant.index());
			rows.append("<tr><td>").append(escape(variant.displayName()));
			rows.append("</td><td>").append(tally.visitors());
			rows.append("</td><td>").append(tally.conversions());
			rows.append("</td><td>").append(String.format(Locale.ROOT, "%.2f %%", tally.conversionRate()));
			rows.append("</td><td>").append(improvement(variant, tally, tallies.get(0))).append("</td></tr>\n");
		}
		String goal = result.goal().map((g) -> escape(g.goalName())).orElse("none");
		return TEMPLATE.formatted(escape(result.experiment().name()), escape(result.experiment().status().label()),
				result.daysRunning(), goal, rows, token, STYLE);
	}

	private static String improvement(VariantSnapshot variant, VariantTally tally, VariantTally control) {
		if (variant.index() == 0 || tally.improvementOver(control).isEmpty()) {
			return "—";
		}
		double value = tally.improvementOver(control).getAsDouble();
		return "<span class=\"" + ((value >= 0) ? "up" : "down") + "\">" + String.format(Locale.ROOT, "%+.2f %%", value)
				+ "</span>";
	}

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text);
	}

}
