import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './harness.mjs';

const { test: internals } = await openPage();
const matches = (rules, href) => internals.pageMatches(rules, href);

test('simple ignores www., trailing slash, scheme, query and fragment', () => {
	const rule = [{ url: 'https://www.x.com/pricing/', rule: 'simple', allowed: true }];
	assert.ok(matches(rule, 'https://x.com/pricing'));
	assert.ok(matches(rule, 'http://www.x.com/pricing/?utm_source=google#plans'));
	assert.ok(!matches(rule, 'https://x.com/pricing/enterprise'));
	assert.ok(!matches(rule, 'https://y.com/pricing'));
	assert.ok(matches(['x.com/pricing'], 'https://www.x.com/pricing/'), 'a plain address is a simple rule');
	assert.ok(matches([{ url: '/pricing' }], 'https://any.example/pricing/'), 'a path matches on any host');
});

test('simple with a query requires those parameters', () => {
	const rule = [{ url: 'https://x.com/p?plan=pro', rule: 'simple' }];
	assert.ok(matches(rule, 'https://x.com/p?a=1&plan=pro'));
	assert.ok(!matches(rule, 'https://x.com/p?plan=free'));
});

test('exact compares the whole address, without fragment and preview parameters', () => {
	const rule = [{ url: 'https://x.com/pricing?a=1', rule: 'exact' }];
	assert.ok(matches(rule, 'https://x.com/pricing?a=1#top'));
	assert.ok(matches(rule, 'https://x.com/pricing?a=1&test-preview=12&test-variant=1'));
	assert.ok(!matches(rule, 'https://x.com/pricing?a=2'));
	assert.ok(!matches(rule, 'https://www.x.com/pricing?a=1'));
});

test('contain and regex rules', () => {
	assert.ok(matches([{ url: '/blog/', rule: 'contain' }], 'https://x.com/blog/post-1'));
	assert.ok(!matches([{ url: '/blog/', rule: 'contain' }], 'https://x.com/news/post-1'));
	assert.ok(matches([{ url: '^https://x\\.com/p/\\d+$', rule: 'regex' }], 'https://x.com/p/42'));
	assert.ok(!matches([{ url: '^https://x\\.com/p/\\d+$', rule: 'regex' }], 'https://x.com/p/abc'));
});

test('exclusions win over inclusions', () => {
	const rules = [{ url: '/blog/', rule: 'contain', allowed: true }, { url: '/blog/draft', rule: 'contain', allowed: false }];
	assert.ok(matches(rules, 'https://x.com/blog/post'));
	assert.ok(!matches(rules, 'https://x.com/blog/draft-1'));
	assert.ok(!matches([{ url: '/a', allowed: false }], 'https://x.com/b'), 'an exclude-only list takes no page');
});

test('no rules take every page; broken rules take none and never throw', () => {
	assert.ok(matches([], 'https://x.com/anything'));
	assert.ok(matches(undefined, 'https://x.com/anything'));
	assert.ok(!matches([{ url: '([', rule: 'regex' }], 'https://x.com/'));
	assert.ok(!matches([null, 42, { rule: 'simple' }], 'https://x.com/'));
});

test('pageview goal rules', () => {
	const goal = (type, value, href) => internals.urlGoalMatches(type, value, href);
	assert.ok(goal('pageview', '/thank-you', 'https://x.com/thank-you?order=1'));
	assert.ok(!goal('pageview', '/thank-you', 'https://x.com/cart'));
	assert.ok(goal('pageviewExact', 'https://x.com/thank-you', 'https://x.com/thank-you/'));
	assert.ok(!goal('pageviewExact', 'https://x.com/thank-you', 'https://x.com/thank-you?x=1'));
	assert.ok(goal('pageviewWildcard', '/products/*/confirm', 'https://x.com/products/42/confirm?x=1'));
	assert.ok(goal('pageviewWildcard', 'https://x.com/blog/*', 'https://x.com/blog/a/b'));
	assert.ok(!goal('pageviewWildcard', '/products/*/confirm', 'https://x.com/products/42/cancel'));
	assert.ok(goal('pageviewRegex', '^/checkout/.+/success$', 'https://x.com/checkout/7/success'));
	assert.ok(!goal('pageviewRegex', '^/checkout/.+/success$', 'https://x.com/checkout/success'));
});

test('traffic source from UTM, click ids and referrer', () => {
	const page = 'https://x.com/pricing';
	assert.equal(internals.source(page, ''), 'direct');
	assert.equal(internals.source(page, 'https://x.com/home'), 'direct');
	assert.equal(internals.source(page, 'https://www.google.com/'), 'search');
	assert.equal(internals.source(page, 'https://duckduckgo.com/'), 'search');
	assert.equal(internals.source(page, 'https://t.co/abc'), 'social');
	assert.equal(internals.source(page, 'https://www.linkedin.com/feed'), 'social');
	assert.equal(internals.source(page, 'https://mail.google.com/'), 'email');
	assert.equal(internals.source(page, 'https://blog.example/post'), 'referral');
	assert.equal(internals.source(page + '?utm_medium=email&utm_source=news', ''), 'email');
	assert.equal(internals.source(page + '?utm_medium=cpc&utm_source=google', 'https://www.google.com/'), 'paid');
	assert.equal(internals.source(page + '?gclid=abc', 'https://www.google.com/'), 'paid');
	assert.equal(internals.source(page + '?utm_medium=social', ''), 'social');
});

test('device, browser and os from the user agent', () => {
	const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
	const windowsChrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
	const windowsEdge = windowsChrome + ' Edg/124.0';
	const androidTablet = 'Mozilla/5.0 (Linux; Android 14; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
	const macFirefox = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0';
	assert.deepEqual([internals.device(iphone, 5), internals.browser(iphone), internals.os(iphone, 5)], ['mobile', 'safari', 'ios']);
	assert.deepEqual([internals.device(windowsChrome, 0), internals.browser(windowsChrome), internals.os(windowsChrome, 0)],
		['desktop', 'chrome', 'windows']);
	assert.equal(internals.browser(windowsEdge), 'edge');
	assert.deepEqual([internals.device(androidTablet, 5), internals.os(androidTablet, 5)], ['tablet', 'android']);
	assert.deepEqual([internals.device(macFirefox, 0), internals.browser(macFirefox), internals.os(macFirefox, 0)],
		['desktop', 'firefox', 'macOS']);
	assert.deepEqual([internals.device(macFirefox, 5), internals.os(macFirefox, 5)], ['tablet', 'ios'], 'iPadOS poses as a Mac');
});
