import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CookieJar } from 'jsdom';
import { openPage, experiment, clientConfig } from './harness.mjs';

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

// ---- The experiment-level targeting object (docs/snippet.md#targeting) ----

const desktop = { device: 'desktop', browser: 'chrome', os: 'windows', visitor_type: 'new', language: 'en-US', country: 'DE',
	now: new Date(2026, 0, 9, 12, 0) };
const audience = (targeting, who = {}) => internals.inAudience(targeting, { ...desktop, ...who });
const exposed = (page) => page.events().filter((e) => e.type === 'exposure').length;

test('no targeting, or empty rules, take everyone', () => {
	assert.ok(audience(undefined));
	assert.ok(audience({}));
	assert.ok(audience({ device_rule: [], browser_rule: [], parameter_rule: [] }));
});

test('device_rule, browser_rule and os_rule take only the listed values', () => {
	assert.ok(audience({ device_rule: ['desktop', 'tablet'] }));
	assert.ok(!audience({ device_rule: ['mobile'] }));
	assert.ok(audience({ device_rule: ['mobile'] }, { device: 'mobile' }));
	assert.ok(audience({ browser_rule: ['chrome', 'edge'] }));
	assert.ok(!audience({ browser_rule: ['safari'] }));
	assert.ok(audience({ os_rule: ['windows'] }));
	assert.ok(!audience({ os_rule: ['macOS', 'ios'] }));
	assert.ok(!audience({ device_rule: ['desktop'], os_rule: ['linux'] }), 'every rule must hold');
});

test('user_rule compares new or returning', () => {
	assert.ok(audience({ user_rule: 'new' }));
	assert.ok(!audience({ user_rule: 'returning' }));
	assert.ok(audience({ user_rule: 'returning' }, { visitor_type: 'returning' }));
});

test('browser_language_rule takes a language with any region, or the exact region', () => {
	assert.ok(audience({ browser_language_rule: ['fr', 'en'] }));
	assert.ok(audience({ browser_language_rule: ['en-us'] }));
	assert.ok(!audience({ browser_language_rule: ['en-gb'] }));
	assert.ok(!audience({ browser_language_rule: ['e'] }), 'a prefix is not a language');
	assert.ok(!audience({ browser_language_rule: ['de'] }));
});

test('allowed_country: a whitelist takes only its countries, a blacklist excludes', () => {
	const whitelist = { allowed_country: [{ code: 'DE', rule: 'whitelist' }, { code: 'AT', rule: 'whitelist' }] };
	assert.ok(audience(whitelist));
	assert.ok(!audience(whitelist, { country: 'US' }));
	assert.ok(!audience(whitelist, { country: null }), 'an unknown country is not on a whitelist');
	const blacklist = { allowed_country: [{ code: 'US', rule: 'blacklist' }] };
	assert.ok(audience(blacklist));
	assert.ok(audience(blacklist, { country: null }));
	assert.ok(!audience(blacklist, { country: 'US' }));
});

test('parameter_rule: groups are AND, conditions in a group OR, every operator', async () => {
	const page = await openPage({ url: 'https://shop.example/pricing?utm_campaign=spring-sale&n=7&flag=true&off=0&since=2020-01-01&empty=' });
	const holds = (...groups) => page.test.inAudience({ parameter_rule: groups }, desktop);
	const c = (criteria, operator, value) => ({ criteria, operator, value });
	assert.ok(holds([c('utm_campaign', '==', 'spring-sale')]));
	assert.ok(!holds([c('utm_campaign', '==', 'Spring-Sale')]), 'equality is exact');
	assert.ok(holds([c('utm_campaign', '!=', 'winter')]));
	assert.ok(holds([c('missing', '!=', 'winter')]), 'an absent value differs from any text');
	assert.ok(holds([c('utm_campaign', '**', 'spring')]));
	assert.ok(!holds([c('missing', '**', 'spring')]));
	assert.ok(holds([c('utm_campaign', '!*', 'winter')]));
	assert.ok(holds([c('n', 'ex')]) && holds([c('empty', 'ex')]) && holds([c('missing', 'nx')]) && !holds([c('n', 'nx')]));
	for (const [operator, value, expected] of [['gt', 6, true], ['gt', 7, false], ['gte', 7, true], ['lt', 8, true], ['lte', 6, false],
		['>', 6, true], ['>=', 8, false], ['<', 7, false], ['<=', 7, true]]) {
		assert.equal(holds([c('n', operator, value)]), expected, `n ${operator} ${value}`);
	}
	assert.ok(!holds([c('missing', 'lt', 100)]) && !holds([c('empty', 'lt', 100)]), 'no number compares with nothing');
	assert.ok(holds([c('flag', 'bt')]) && holds([c('off', 'bf')]) && !holds([c('flag', 'bf')]) && !holds([c('missing', 'bt')]));
	assert.ok(holds([c('since', 'days_gt', 365)]) && holds([c('since', 'days_gte', 1)]) && !holds([c('since', 'days_lt', 30)])
		&& !holds([c('since', 'days_lte', 30)]));
	assert.ok(holds([c('n', '==', 'x'), c('n', '==', '7')]), 'one condition of a group is enough');
	assert.ok(!holds([c('n', '==', '7')], [c('flag', 'bf')]), 'every group must hold');
	assert.ok(holds([c('n', '==', '7')], [c('flag', 'bt')]));
	assert.ok(!holds([c('n', 'unknown', '7')]), 'an unknown operator takes no one');
});

test('cookie_rule reads the page cookies', async () => {
	const page = await openPage({ before: (window) => {
		window.document.cookie = 'plan=pro; path=/';
		window.document.cookie = 'visits=12; path=/';
	} });
	const holds = (...groups) => page.test.inAudience({ cookie_rule: groups }, desktop);
	assert.ok(holds([{ criteria: 'plan', operator: '==', value: 'pro' }]));
	assert.ok(!holds([{ criteria: 'plan', operator: '==', value: 'free' }]));
	assert.ok(holds([{ criteria: 'visits', operator: 'gte', value: 10 }]));
	assert.ok(holds([{ criteria: 'consent', operator: 'nx' }]));
	assert.ok(!holds([{ criteria: 'pla', operator: 'ex' }]), 'a name is matched whole');
});

test('schedule_rule uses the local time; an overnight range runs into the next day', () => {
	const at = (day, hours, minutes = 0) => ({ now: new Date(2026, 0, 4 + day, hours, minutes) }); // 2026-01-04 is a Sunday
	const office = { schedule_rule: { schedule_groups: [{ days: ['monday', 'tuesday'], time_ranges: [{ start: '09:00', end: '17:30' }] }] } };
	assert.ok(audience(office, at(1, 9)));
	assert.ok(audience(office, at(2, 17, 29)));
	assert.ok(!audience(office, at(2, 17, 30)), 'the end is excluded');
	assert.ok(!audience(office, at(1, 8, 59)));
	assert.ok(!audience(office, at(3, 12)), 'not on Wednesday');
	const night = { schedule_rule: { schedule_groups: [{ days: ['friday'], time_ranges: [{ start: '22:00', end: '06:00' }] }] } };
	assert.ok(audience(night, at(5, 23)), 'Friday night');
	assert.ok(audience(night, at(6, 5, 59)), 'Saturday early morning belongs to Friday night');
	assert.ok(!audience(night, at(6, 23)), 'not Saturday night');
	assert.ok(!audience(night, at(5, 5)), 'not Friday early morning');
	assert.ok(!audience(night, at(5, 12)));
	const weekend = { schedule_rule: { schedule_groups: [{ days: ['saturday', 'sunday'] }, { days: ['monday'], time_ranges: [{ start: '00:00', end: '24:00' }] }] } };
	assert.ok(audience(weekend, at(0, 3)) && audience(weekend, at(6, 23, 59)) && audience(weekend, at(1, 23, 59)));
	assert.ok(!audience(weekend, at(2, 12)));
});

test('a visitor outside the audience is neither shown the variant nor counted', async () => {
	const config = clientConfig([experiment({ targeting: { device_rule: ['mobile'] } })]);
	const page = await openPage({ config, html: '<p id="t">original</p>' });
	assert.equal(page.window.uplift.getVariant(12), null);
	assert.equal(exposed(page), 0);
	assert.equal(JSON.parse(page.storage().uplift_state).a[12], undefined, 'not stored, so a later visit may enter');
	const desktopOnly = await openPage({ config: clientConfig([experiment({ targeting: { device_rule: ['desktop'] } })]) });
	assert.equal(desktopOnly.window.uplift.getVariant(12), '1');
	assert.equal(exposed(desktopOnly), 1);
});

test('the country comes from client-config', async () => {
	const targeting = { allowed_country: [{ code: 'DE', rule: 'whitelist' }] };
	const german = await openPage({ config: clientConfig([experiment({ targeting })], { country: 'DE' }) });
	assert.equal(german.window.uplift.getVariant(12), '1');
	const american = await openPage({ config: clientConfig([experiment({ targeting })], { country: 'US' }) });
	assert.equal(american.window.uplift.getVariant(12), null);
	assert.equal(exposed(american), 0);
});

test('user_rule is decided at entry and kept on later visits', async () => {
	const cookieJar = new CookieJar();
	const config = clientConfig([experiment({ targeting: { user_rule: 'new' } })]);
	const first = await openPage({ config, cookieJar });
	assert.equal(first.window.uplift.getVariant(12), '1');
	assert.equal(exposed(first), 1);
	// A later session: the session cookie that marked the visitor as new is gone.
	cookieJar.setCookieSync('uplift_new=; max-age=0; path=/', 'https://shop.example/');
	const later = await openPage({ config, cookieJar, storage: first.storage() });
	assert.equal(later.window.uplift.getVariant(12), '1', 'an entered visitor keeps their arm');
	assert.equal(exposed(later), 0, 'and is not counted again');
	const returningOnly = clientConfig([experiment({ test_id: 13, targeting: { user_rule: 'returning' } })]);
	assert.equal((await openPage({ config: returningOnly })).window.uplift.getVariant(13), null, 'a new visitor is not returning');
	assert.equal((await openPage({ config: returningOnly, cookieJar, storage: first.storage() })).window.uplift.getVariant(13), '1');
});
