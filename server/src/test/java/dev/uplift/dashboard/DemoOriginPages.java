package dev.uplift.dashboard;

import dev.uplift.support.IntegrationTest;

/**
 * Addresses on the demo's own origin, for browser tests: the demo keeps its visitor id
 * and state in that origin's storage, which only a page of that origin can clear.
 */
final class DemoOriginPages {

	private DemoOriginPages() {
	}

	/**
	 * A page of the demo's origin without the browser script (the bootstrap project's
	 * client-config), where a test clears the demo's storage.
	 */
	static String withoutScript(DemoOrigin origin) {
		return "http://localhost:" + origin.port() + "/v2/project/" + IntegrationTest.PROJECT_KEY + "/client-config";
	}

}
