import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CookieJar } from 'jsdom';
import { openPage, experiment, clientConfig, KEY } from './harness.mjs';

const HTML = '<p class="price">$10</p><p class="total">$12</p><span class="badge">-</span><button id="buy">Buy</button>';

/** An A/B test over two pages, with a change for each page and one for both (docs/mida-v2-api.md §3.3). */
function multiPage(weights = [0, 1]) {
	return experiment({
		page_urls: [
			{ url: 'https://shop.example/pricing', rule: 'simple', allowed: true },
			{ url: '/checkout', rule: 'simple', allowed: true },
		],
		variants: [
			{ variant_id: '0', name: 'Control', weight: weights[0], css: '', js: '', data: [] },
			{ variant_id: '1', name: 'Variant 1', weight: weights[1], css: '', js: '', data: [
				{ target: '.price', textContent: '$9', sitewide: false, pageUrl: 'https://shop.example/pricing' },
				{ target: '.total', textContent: '$11', sitewide: false, pageUrl: '/checkout/' },
				{ target: '.badge', textContent: 'sale' },
			] },
		],
		goals: [
			{ goal_key: 'buy', goal_type: 'clickOnElement', goal_value: '#buy' },
			{ goal_key: 'thanks', goal_type: 'pageview', goal_value: '/thank-you' },
		],
	});
}

/** One visitor's walk over pages, each opened with the cookies and storage the previous one left. */
async function walk(config, urls, visitorId) {
	const cookieJar = new CookieJar();
	const pages = [];
	for (const url of urls) {
		const storage = pages.length ? pages[pages.length - 1].storage() : visitorId ? { uplift_vid: JSON.stringify(visitorId) } : {};
		const page = await openPage({ url, html: HTML, config, cookieJar, storage });
		await page.hide();
		pages.push(page);
	}
	return pages;
}

const text = (page, selector) => page.document.querySelector(selector).textContent;

test('each page gets its own changes and the changes for every page', async () => {
	const [pricing, checkout, about] = await walk(clientConfig([multiPage()]),
		['https://shop.example/pricing', 'https://shop.example/checkout?step=2', 'https://shop.example/about']);
	assert.deepEqual([text(pricing, '.price'), text(pricing, '.total'), text(pricing, '.badge')], ['$9', '$12', 'sale']);
	assert.deepEqual([text(checkout, '.price'), text(checkout, '.total'), text(checkout, '.badge')], ['$10', '$11', 'sale']);
	assert.deepEqual([text(about, '.price'), text(about, '.total'), text(about, '.badge')], ['$10', '$12', '-']);
});

test('a visitor has the same variant on every page of the experiment, and one exposure', async () => {
	const config = clientConfig([multiPage([1, 1])]);
	const arms = new Set();
	for (let visitor = 0; visitor < 12; visitor++) {
		const pages = await walk(config, ['https://shop.example/checkout', 'https://shop.example/pricing', 'https://shop.example/checkout'],
			'walker-' + visitor);
		const shown = pages.map((page) => page.window.uplift.getVariant(12));
		assert.equal(new Set(shown).size, 1, shown.join());
		arms.add(shown[0]);
		const exposures = pages.flatMap((page) => page.events()).filter((e) => e.type === 'exposure');
		assert.deepEqual(exposures.map((e) => e.variant_id), [shown[0]]);
	}
	assert.deepEqual([...arms].sort(), ['0', '1'], 'the twelve visitors are in both arms');
});

test('goals count on every page once the visitor entered, also outside the experiment pages', async () => {
	const [pricing, checkout, thanks] = await walk(clientConfig([multiPage()]),
		['https://shop.example/pricing', 'https://shop.example/checkout', 'https://shop.example/thank-you']);
	assert.deepEqual(pricing.events().map((e) => e.type), ['exposure']);
	checkout.document.getElementById('buy').click();
	await checkout.hide();
	assert.deepEqual(checkout.events().map((e) => e.goal_key || e.type), ['buy']);
	assert.deepEqual(thanks.events().map((e) => e.goal_key || e.type), ['thanks']);
	const visitor = pricing.events()[0].visitor_id;
	assert.ok([...checkout.events(), ...thanks.events()].every((e) => e.visitor_id === visitor));
});

test('anti-flicker hides only what changes on this page', async () => {
	const config = clientConfig([multiPage()]);
	const warm = await openPage({ config, url: 'https://shop.example/about' });
	const page = await openPage({
		url: 'https://shop.example/checkout',
		config: () => new Promise(() => {}),
		storage: warm.storage(),
		scriptQuery: `key=${KEY}&antiflicker=1`,
		wait: false,
	});
	assert.equal(page.document.getElementById('uplift-anti-flicker').textContent,
		'.total{visibility:hidden!important}\n.badge{visibility:hidden!important}');
});
