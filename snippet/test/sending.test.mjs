import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CookieJar } from 'jsdom';
import { openPage, experiment, clientConfig, COLLECT, KEY } from './harness.mjs';

const live = clientConfig([experiment({ page_urls: [] })]);

test('events are batched into one beacon with a text/plain JSON body', async () => {
	const page = await openPage({ config: live });
	page.window.uplift.track('A');
	page.window.uplift.track('B', { n: 1 });
	await page.clock.tick(999);
	assert.equal(page.beacons.length, 1, 'the exposure left with the first flush');
	await page.clock.tick(1);
	assert.equal(page.beacons.length, 2);
	const beacon = page.beacons[1];
	assert.equal(beacon.url, COLLECT);
	assert.equal(beacon.type, 'string', 'a string body is sent as text/plain, which needs no CORS preflight');
	assert.deepEqual(beacon.body.events.map((e) => e.name), ['A', 'B']);
	const ids = page.events().map((e) => e.event_id);
	assert.equal(new Set(ids).size, ids.length);
});

test('pagehide and a hidden tab flush at once', async () => {
	const page = await openPage({ config: live });
	page.window.uplift.track('A');
	await page.hide();
	assert.deepEqual(page.events().map((e) => e.type), ['exposure', 'event']);
	page.window.uplift.track('B');
	Object.defineProperty(page.document, 'visibilityState', { value: 'hidden', configurable: true });
	page.document.dispatchEvent(new page.window.Event('visibilitychange'));
	await page.clock.tick(0);
	assert.deepEqual(page.events().map((e) => e.name).slice(-1), ['B']);
});

test('a refused beacon falls back to fetch keepalive and retries server errors with the same event ids', async () => {
	const statuses = [503, 'network', 202];
	const page = await openPage({ config: live, beacon: false, collect: (attempt) => statuses[attempt] });
	await page.clock.tick(10000);
	assert.equal(page.posts.length, 3);
	const post = page.requests.filter((r) => r.url === COLLECT)[0].init;
	assert.equal(post.keepalive, true);
	assert.equal(post.headers['Content-Type'], 'text/plain');
	const ids = page.posts.map((body) => body.events.map((e) => e.event_id).join());
	assert.equal(new Set(ids).size, 1, 'a retry sends the same event ids');
	assert.deepEqual(JSON.parse(page.storage().uplift_queue), []);
});

test('events that could not be sent wait in storage for the next page', async () => {
	const cookieJar = new CookieJar();
	const first = await openPage({ config: live, beacon: false, collect: () => 503, cookieJar });
	await first.clock.tick(60000);
	assert.equal(first.posts.length, 4, 'one try and three retries');
	const lost = first.posts[0].events.map((e) => e.event_id);
	const second = await openPage({ config: live, cookieJar, storage: first.storage() });
	await second.hide();
	assert.deepEqual(second.events().map((e) => e.event_id), lost);
});

test('a rejected batch (400) is not retried', async () => {
	const page = await openPage({ config: live, beacon: false, collect: () => 400 });
	await page.clock.tick(60000);
	assert.equal(page.posts.length, 1);
});

test('the command queue runs commands pushed before and after loading', async () => {
	const page = await openPage({
		config: live,
		before: (window) => {
			window.upliftq = [];
			window.upliftq.push(['track', 'Purchase', { revenue: 10 }]);
			window.upliftq.push((uplift) => (window.seen = uplift.getVariant(12)));
			window.upliftq.push(['no-such-command'], ['track']);
		},
	});
	assert.equal(page.window.seen, '1', 'functions run once experiments are decided');
	page.window.upliftq.push(['track', 'Later']);
	await page.hide();
	assert.deepEqual(page.events().filter((e) => e.type === 'event').map((e) => [e.name, e.properties]),
		[['Purchase', { revenue: 10 }], ['Later', {}]]);
});

test('uplift.goal sends a goal conversion by key', async () => {
	const page = await openPage({ config: live });
	page.window.uplift.goal('manual_goal');
	await page.hide();
	const goal = page.events().find((e) => e.type === 'goal');
	assert.deepEqual([goal.goal_key, goal.visitor_id], ['manual_goal', page.window.uplift.visitorId()]);
});

test('when consent is required nothing is stored or sent until it is granted', async () => {
	const config = clientConfig([experiment({ page_urls: [], variants: [
		{ variant_id: '0', name: 'Control', weight: 0, data: [] },
		{ variant_id: '1', name: 'Variant 1', weight: 1, js: 'window.applied = true', data: [] },
	] })], { consent_required: true });
	const page = await openPage({ config });
	page.window.uplift.track('Early');
	await page.hide();
	await page.clock.tick(5000);
	assert.deepEqual(page.events(), []);
	assert.deepEqual(page.storage(), {});
	assert.equal(page.cookies(), '');
	assert.equal(page.window.uplift.visitorId(), null);
	assert.equal(page.window.applied, undefined);
	page.window.uplift.consent(true);
	await page.clock.tick(0);
	assert.equal(page.window.applied, true);
	await page.hide();
	assert.deepEqual(page.events().map((e) => e.type + ':' + (e.name || e.test_id)).sort(), ['event:Early', 'exposure:12']);
	assert.match(page.cookies(), /uplift_vid=/);
});

test('withdrawing consent forgets the visitor and stops sending', async () => {
	const page = await openPage({ config: live });
	page.window.uplift.consent(false);
	assert.deepEqual(page.storage(), { uplift_consent: '0' });
	assert.doesNotMatch(page.cookies(), /uplift_vid/);
	page.window.uplift.track('After');
	await page.hide();
	assert.deepEqual(page.events().filter((e) => e.name === 'After'), []);
	const next = await openPage({ config: live, storage: page.storage() });
	await next.hide();
	assert.deepEqual(next.events(), [], 'the refusal holds on later pages');
});

test('broken configuration, code and calls never throw into the page', async () => {
	const broken = [
		{ status: 200, body: 'not json at all' },
		{ status: 500, body: { success: false } },
		{ status: 200, body: { experiments: 'nope' } },
		{ status: 200, body: { experiments: [null, 7, { test_id: 1 }, { test_id: 2, variants: [null, { weight: -1 }] }] } },
		{ status: 200, body: clientConfig([experiment({
			page_urls: [{ url: '[', rule: 'regex' }, { url: '/', rule: 'contain' }],
			custom_js: 'throw new Error("custom")',
			variants: [{ variant_id: '0', weight: 1, js: 'this is not javascript', css: 42,
				data: [{ target: '<<<', textContent: 'x' }, { rm: '###' }, { refEl: ':::', htmlBlock: 'x' }, null, 'text'] }],
			goals: [{ goal_key: 'g', goal_type: 'clickOnElement', goal_value: '<<<' }, { goal_key: 'r', goal_type: 'pageviewRegex', goal_value: '(' }, null],
		})]) },
	];
	for (const answer of broken) {
		const page = await openPage({ config: () => answer, html: '<button>b</button>' });
		const { uplift } = page.window;
		uplift.track(null, 5);
		uplift.track('ok', 'not an object');
		uplift.getVariant({});
		uplift.goal(undefined);
		page.window.upliftq.push(null, [null], () => { throw new Error('command'); });
		page.document.querySelector('button').dispatchEvent(new page.window.MouseEvent('click', { bubbles: true }));
		await page.hide();
		await page.clock.tick(20000);
		assert.deepEqual(page.errors, [], JSON.stringify(answer));
	}
});

test('a page without a project key runs no experiment and throws nothing', async () => {
	const page = await openPage({ scriptQuery: 'nokey=1' });
	page.window.uplift.track('x');
	await page.hide();
	assert.deepEqual(page.requests, []);
	assert.deepEqual(page.errors, []);
	assert.ok(page.warnings.some((w) => /key=PROJECT_KEY/.test(w)));
});

test('identify links the visitor to a user id and e-mail, only with a visitor id', async () => {
	const page = await openPage({ config: live });
	page.window.uplift.identify({ id: 4711, email: 'ada@example.com' });
	page.window.uplift.identify({});
	const sent = page.beacons.filter((b) => b.url === 'https://ab.example/experiment/identify');
	assert.equal(sent.length, 1, 'nothing to link is not sent');
	assert.equal(sent[0].type, 'string');
	assert.deepEqual(sent[0].body, { key: KEY, distinct_id: page.window.uplift.visitorId(), id: 4711, email: 'ada@example.com' });

	const refused = await openPage({ config: live, storage: { uplift_consent: '0' } });
	refused.window.uplift.identify({ email: 'ada@example.com' });
	assert.equal(refused.beacons.filter((b) => b.url.endsWith('/identify')).length, 0, 'no visitor id without consent');
});
