package dev.uplift.dashboard;

/**
 * The HTML of the demo site: a landing page and a thanks page, both with the browser
 * script installed.
 */
final class DemoPage {

	private static final String LAYOUT = """
			<!doctype html>
			<html lang="en">
			<head>
			<meta charset="utf-8">
			<meta name="viewport" content="width=device-width, initial-scale=1">
			<title>%1$s · Uplift demo</title>
			<script>window.upliftq = window.upliftq || [];</script>
			<script async src="/snippet.js?key=%2$s"></script>
			<style>
			body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7fb}
			main{max-width:40rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px}
			h1{font-size:2rem;margin:0 0 .5rem}.lead{color:#5b6475;margin-top:0}
			.cta-button{font-size:1.1rem;padding:.8rem 1.6rem;border:2px solid #2563eb;border-radius:8px;
			background:#2563eb;color:#fff;cursor:pointer}
			form{display:flex;gap:.5rem;align-items:center;margin:2rem 0 1rem}input{flex:1;padding:.6rem;font-size:1rem}
			.note{margin-top:2rem;padding:1rem;background:#eef2ff;border-radius:8px;font-size:.9rem}
			</style>
			</head>
			<body>
			<main>
			%3$s
			</main>
			</body>
			</html>
			""";

	private static final String LANDING = """
			<h1>Notes that write themselves</h1>
			<p class="lead">Acme Notes turns your meetings into tidy summaries. Try it free for 14 days.</p>
			<button type="button" class="cta-button">Start free trial</button>
			<form id="signup" action="/demo/thanks" method="get">
			<label for="email">Email</label>
			<input type="email" id="email" name="email" required>
			<button type="submit">Get the newsletter</button>
			</form>
			<p><a href="/demo/thanks" class="thanks-link">Already a customer? Say hello</a></p>
			<div class="note">This page runs the demo experiment <b>Demo: CTA colour</b>: half of the visitors
			see a green button. You see <b id="variant">…</b>.
			Click the button, sign up or follow the link, then read the result with the API.</div>
			<script>
			window.upliftq.push(function (uplift) {
			  var variant = uplift.getVariant(%1$d);
			  document.getElementById('variant').textContent =
			    variant === null ? 'no experiment' : variant === '0' ? 'Control' : 'Variant ' + variant;
			});
			</script>
			""";

	private static final String THANKS = """
			<h1>Thank you!</h1>
			<p class="lead">Visiting this page converts the demo goal <b>demo_thanks</b>.</p>
			<p><a href="/demo">Back to the demo</a></p>
			""";

	private DemoPage() {
	}

	/**
	 * The landing page of the project with this key, showing the visitor's arm of this
	 * experiment.
	 */
	static String landing(String projectKey, long testId) {
		return LAYOUT.formatted("Acme Notes", projectKey, LANDING.formatted(testId));
	}

	/** The page that a signup leads to, the pageview goal of the demo. */
	static String thanks(String projectKey) {
		return LAYOUT.formatted("Thanks", projectKey, THANKS);
	}

}
