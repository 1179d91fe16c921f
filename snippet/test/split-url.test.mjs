import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CookieJar } from 'jsdom';
import { openPage, experiment, clientConfig, KEY } from './harness.mjs';

const REDIRECT = { url: 'https://shop.example/pricing-b', relay_param: false };

/** A split-URL test as client-config sends it (docs/client-config.md): every visitor in Variant 1 unless weights say otherwise. */
function split({ redirect = REDIRECT, weights = [0, 1], ...overrides } = {}) {
	return experiment({
		test_type: 'split',
		variants: [
			{ variant_id: '0', name: 'Control', nickname: null, weight: weights[0], css: '', js: '', data: [{ target: 'h1', textContent: 'Control' }] },
			{ variant_id: '1', name: 'Variant 1', nickname: null, weight: weights[1], css: '', js: '', data: [redirect], redirect },
		],
		goals: [{ goal_key: 'signup', goal_type: 'clickOnElement', goal_value: '#signup' }],
		...overrides,
	});
}

const exposures = (events) => events.filter((e) => e.type === 'exposure');

test('a treatment visitor is sent to its page with location.replace once the exposure is handed to sendBeacon', async () => {
	const page = await openPage({ url: 'https://shop.example/pricing?utm_source=news#plans', config: clientConfig([split()]) });
	assert.equal(page.navigations.length, 1);
	assert.equal(page.test.leavingFor(), 'https://shop.example/pricing-b');
	const handed = exposures(page.navigations[0].handed);
	assert.equal(handed.length, 1);
	assert.equal(handed[0].test_id, 12);
	assert.equal(handed[0].variant_id, '1');
	assert.equal(page.window.uplift.getVariant(12), '1');
	assert.equal(JSON.parse(page.storage().uplift_state).a['12'], '1');
});

test('when sendBeacon refuses, the exposure goes by a keepalive fetch before the page leaves', async () => {
	const page = await openPage({ config: clientConfig([split()]), beacon: false });
	assert.equal(page.navigations.length, 1);
	assert.equal(exposures(page.navigations[0].handed).length, 1);
	const collect = page.requests.find((request) => request.url.endsWith('/collect'));
	assert.equal(collect.init.keepalive, true);
	assert.equal(collect.url, `https://ab.example/v2/project/${KEY}/collect`);
});

test('relay_param passes on the query parameters the redirect does not set, and the fragment', async () => {
	const redirect = { url: '/pricing-b?plan=pro', relay_param: true };
	const page = await openPage({ url: 'https://shop.example/pricing?utm_source=news&plan=free&q=red+shoes&tag=a&tag=b#faq', config: clientConfig([split({ redirect })]) });
	assert.equal(page.test.leavingFor(), 'https://shop.example/pricing-b?plan=pro&utm_source=news&q=red+shoes&tag=a&tag=b#faq');
	const none = await openPage({ url: 'https://shop.example/pricing?utm_source=news#faq', config: clientConfig([split()]) });
	assert.equal(none.test.leavingFor(), 'https://shop.example/pricing-b');
});

test('redirectTarget: nothing for Control, for an arm without redirect, or on the treatment page itself', async () => {
	const { test: internals } = await openPage();
	const arm = (redirect, id = '1') => ({ variant_id: id, redirect });
	assert.equal(internals.redirectTarget(arm(REDIRECT, '0'), 'https://shop.example/pricing'), null);
	assert.equal(internals.redirectTarget(arm(undefined), 'https://shop.example/pricing'), null);
	assert.equal(internals.redirectTarget(arm({ url: 'javascript:alert(1)' }), 'https://shop.example/pricing'), null);
	for (const page of ['https://shop.example/pricing-b', 'https://www.shop.example/pricing-b/', 'https://shop.example/pricing-b?utm_source=x#top']) {
		assert.equal(internals.redirectTarget(arm(REDIRECT), page), null, page);
	}
	const withQuery = arm({ url: '/pricing?layout=b', relay_param: true });
	assert.equal(internals.redirectTarget(withQuery, 'https://shop.example/pricing?layout=b&utm_source=x'), null);
	assert.equal(internals.redirectTarget(withQuery, 'https://shop.example/pricing?utm_source=x'), 'https://shop.example/pricing?layout=b&utm_source=x');
	assert.equal(internals.redirectTarget(arm({ url: 'https://other.example/b', relay_param: 1 }), 'https://shop.example/pricing?a=1'),
		'https://other.example/b?a=1');
});

test('Control is never sent away: it sees the experiment page with its own changes', async () => {
	const page = await openPage({ html: '<h1>Original</h1>', config: clientConfig([split({ weights: [1, 0] })]) });
	assert.deepEqual(page.navigations, []);
	assert.equal(page.document.querySelector('h1').textContent, 'Control');
	await page.hide();
	assert.deepEqual(exposures(page.events()).map((e) => e.variant_id), ['0']);
});

test('on the treatment page the visitor stays, is not exposed again, and its goals convert', async () => {
	const cookieJar = new CookieJar();
	// Rule 'contain' takes the treatment's page too, which the server refuses; the script still must not loop.
	const config = clientConfig([split({ page_urls: [{ url: '/pricing', rule: 'contain', allowed: true }] })]);
	const first = await openPage({ config, cookieJar });
	assert.equal(first.navigations.length, 1);
	const landed = await openPage({ url: 'https://shop.example/pricing-b', html: '<h1>B</h1><button id="signup">Sign up</button>', config, cookieJar, storage: first.storage() });
	assert.deepEqual(landed.navigations, []);
	assert.equal(landed.document.querySelector('h1').textContent, 'B');
	assert.equal(landed.window.uplift.getVariant(12), '1');
	landed.document.getElementById('signup').click();
	await landed.hide();
	assert.deepEqual(exposures(landed.events()), []);
	assert.deepEqual(landed.events().filter((e) => e.type === 'goal').map((e) => e.goal_key), ['signup']);
});

test('goals convert on the treatment page even when the experiment does not run there', async () => {
	const cookieJar = new CookieJar();
	const config = clientConfig([split()]);
	const first = await openPage({ config, cookieJar });
	const landed = await openPage({ url: 'https://shop.example/pricing-b', html: '<button id="signup">Sign up</button>', config, cookieJar, storage: first.storage() });
	assert.deepEqual(landed.navigations, []);
	landed.document.getElementById('signup').click();
	await landed.hide();
	assert.deepEqual(landed.events().map((e) => e.type), ['goal']);
	assert.equal(landed.events()[0].visitor_id, exposures(first.navigations[0].handed)[0].visitor_id);
});

test('a returning treatment visitor is sent again, without a second exposure', async () => {
	const cookieJar = new CookieJar();
	const config = clientConfig([split()]);
	const first = await openPage({ config, cookieJar });
	const again = await openPage({ config, cookieJar, storage: first.storage() });
	assert.equal(again.navigations.length, 1);
	assert.deepEqual(exposures(again.navigations[0].handed), []);
});

test('a page the visitor was sent from moments ago does not send them again', async () => {
	const before = (window) => window.sessionStorage.setItem('uplift_redirect',
		JSON.stringify({ test_id: 12, from: 'https://shop.example/pricing', at: Date.now() - 1000 }));
	const page = await openPage({ html: '<h1>Original</h1>', config: clientConfig([split()]), before });
	assert.deepEqual(page.navigations, []);
	assert.ok(page.warnings.some((w) => /sent this page to https:\/\/shop.example\/pricing-b moments ago/.test(w)), page.warnings.join());
	assert.equal(page.document.querySelector('h1').textContent, 'Original');
	const later = (window) => window.sessionStorage.setItem('uplift_redirect',
		JSON.stringify({ test_id: 12, from: 'https://shop.example/pricing', at: Date.now() - 6000 }));
	assert.equal((await openPage({ config: clientConfig([split()]), before: later })).navigations.length, 1);
});

test('a visitor sent away meets no other experiment of the page', async () => {
	const other = experiment({ test_id: 5, variants: [
		{ variant_id: '0', name: 'Control', weight: 0, data: [] },
		{ variant_id: '1', name: 'Variant 1', weight: 1, js: 'window.otherRan = true', data: [] },
	] });
	const page = await openPage({ config: clientConfig([other, split()]) });
	assert.equal(page.navigations.length, 1);
	assert.equal(page.window.otherRan, undefined);
	assert.equal(page.window.uplift.getVariant(5), null);
	assert.deepEqual(exposures(page.navigations[0].handed).map((e) => e.test_id), [12]);
});

test('anti-flicker hides the whole page of a split test and keeps it hidden while it leaves', async () => {
	const config = clientConfig([split()]);
	const warm = await openPage({ config, url: 'https://shop.example/other' });
	let answer;
	const page = await openPage({
		config: () => new Promise((resolve) => (answer = resolve)),
		storage: warm.storage(),
		scriptQuery: `key=${KEY}&antiflicker=1`,
		wait: false,
	});
	assert.equal(page.document.getElementById('uplift-anti-flicker').textContent,
		'html{visibility:hidden!important}\nh1{visibility:hidden!important}');
	answer({ status: 200, body: config, headers: { ETag: '"v1"' } });
	await page.test.ready;
	assert.equal(page.navigations.length, 1);
	assert.ok(page.document.getElementById('uplift-anti-flicker'));
	await page.clock.tick(3000);
	assert.equal(page.document.getElementById('uplift-anti-flicker'), null);
});

test('anti-flicker leaves the page visible for a visitor known to be in Control', async () => {
	const config = clientConfig([split({ weights: [1, 0] })]);
	const first = await openPage({ config });
	const page = await openPage({ config: () => new Promise(() => {}), storage: first.storage(), scriptQuery: `key=${KEY}&antiflicker=1`, wait: false });
	assert.equal(page.document.getElementById('uplift-anti-flicker').textContent, 'h1{visibility:hidden!important}');
});

test('a preview of a treatment goes on at its page; there it shows the page as it is', async () => {
	const config = clientConfig([split({ redirect: { url: '/pricing-b', relay_param: false } })]);
	const start = await openPage({ url: 'https://shop.example/pricing?test-preview=12&test-variant=Variant_1', config });
	assert.equal(start.test.leavingFor(), 'https://shop.example/pricing-b?test-preview=12&test-variant=Variant_1');
	assert.deepEqual(start.storage(), {});
	const there = await openPage({ url: 'https://shop.example/pricing-b?test-preview=12&test-variant=Variant_1', html: '<h1>B</h1>', config });
	assert.deepEqual(there.navigations, []);
	assert.equal(there.document.querySelector('h1').textContent, 'B');
	assert.equal(there.window.uplift.getVariant(12), '1');
});
