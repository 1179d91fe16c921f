import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CookieJar } from 'jsdom';
import { openPage, experiment, clientConfig, KEY } from './harness.mjs';

const treatment = (fields) => experiment({
	variants: [
		{ variant_id: '0', name: 'Control', weight: 0, css: '', js: '', data: [] },
		{ variant_id: '1', name: 'Variant 1', nickname: 'Red button', weight: 1, ...fields },
	],
});

test('applies css, js, custom code and every kind of data change', async () => {
	const html = '<h1 class="title">Old</h1><a id="buy" href="/old">Buy</a><img id="hero" src="a.png"><p id="gone">x</p>'
		+ '<div id="box"><span id="first">1</span></div><p id="mover">m</p><p id="tail">t</p><div id="swap">s</div><em id="hide">h</em>';
	const config = clientConfig([{
		...treatment({
			css: '.title{color:red}',
			js: 'document.body.setAttribute("data-variant", "1")',
			data: [
				{ target: 'h1.title', innerText: 'New title' },
				{ target: '#buy', href: '/new', textContent: 'Buy now' },
				{ target: '#hero', src: 'b.png' },
				{ target: '#box', class: 'boxed' },
				{ target: '#hide', style: 'display: none;' },
				{ rm: '#gone' },
				{ refEl: '#first', dir: 'a', htmlBlock: '<span id="after">2</span>' },
				{ refEl: '#first', dir: 'b', htmlBlock: '<span id="before">0</span>' },
				{ refEl: '#box', dir: 'p', htmlBlock: '<b id="inside">in</b>' },
				{ oriEl: '#mover', refEl: '#tail', dir: 'a' },
				{ target: '#swap', outerHTML: '<section id="swapped">new</section>' },
				{ target: '#buy', innerHTML: 'never', sitewide: false, pageUrl: 'https://shop.example/other' },
			],
		}),
		custom_css: 'body{margin:0}',
		custom_js: 'window.customRan = true',
	}]);
	const page = await openPage({ html, config });
	const { document, window } = page;
	assert.equal(document.querySelector('h1').textContent, 'New title');
	assert.equal(document.querySelector('#buy').getAttribute('href'), '/new');
	assert.equal(document.querySelector('#buy').textContent, 'Buy now');
	assert.equal(document.querySelector('#hero').getAttribute('src'), 'b.png');
	assert.equal(document.querySelector('#box').className, 'boxed');
	assert.equal(document.querySelector('#hide').style.display, 'none');
	assert.equal(document.querySelector('#gone'), null);
	assert.deepEqual([...document.querySelector('#box').children].map((el) => el.id), ['inside', 'before', 'first', 'after']);
	assert.deepEqual([...document.body.children].map((el) => el.id).slice(-4), ['tail', 'mover', 'swapped', 'hide']);
	assert.ok([...document.querySelectorAll('style')].some((s) => s.textContent === 'body{margin:0}.title{color:red}'));
	assert.equal(document.body.getAttribute('data-variant'), '1');
	assert.equal(window.customRan, true);
	assert.equal(window.uplift.getVariant(12), '1');
});

test('a change whose element appears later is applied when it appears', async () => {
	const page = await openPage({ config: clientConfig([treatment({ data: [{ target: '#late', textContent: 'changed' }] })]) });
	const late = page.document.createElement('p');
	late.id = 'late';
	late.textContent = 'original';
	page.document.body.appendChild(late);
	await page.clock.tick(0);
	assert.equal(late.textContent, 'changed');
});

test('an experiment for another page is neither applied nor recorded', async () => {
	const page = await openPage({ url: 'https://shop.example/about', config: clientConfig([treatment({ js: 'window.ran = 1' })]) });
	assert.equal(page.window.ran, undefined);
	assert.equal(page.window.uplift.getVariant(12), null);
	await page.hide();
	assert.deepEqual(page.events(), []);
});

test('records one exposure per visitor and experiment, with attributes', async () => {
	const cookieJar = new CookieJar();
	const config = clientConfig([treatment({})]);
	const first = await openPage({ config, cookieJar, url: 'https://shop.example/pricing?utm_source=google&utm_medium=cpc' });
	await first.hide();
	const exposures = first.events().filter((e) => e.type === 'exposure');
	assert.equal(exposures.length, 1);
	const exposure = exposures[0];
	assert.match(exposure.event_id, /^[0-9a-z]{9}[A-Za-z0-9]{16}$/);
	assert.match(exposure.visitor_id, /^[0-9a-z]{9}[A-Za-z0-9]{13}$/);
	// Ids start with their creation time, so that the server's indexes grow at their end.
	for (const id of [exposure.visitor_id, exposure.event_id]) {
		assert.ok(Math.abs(parseInt(id.slice(0, 9), 36) - Date.now()) < 60000, id);
	}
	assert.equal(exposure.visitor_id, first.window.uplift.visitorId());
	assert.equal(exposure.test_id, 12);
	assert.equal(exposure.variant_id, '1');
	assert.deepEqual(Object.keys(exposure.attributes).sort(),
		['browser', 'device', 'landing_page', 'os', 'source', 'utm_source', 'visitor_type']);
	assert.equal(exposure.attributes.source, 'paid');
	assert.equal(exposure.attributes.landing_page, '/pricing');
	assert.equal(exposure.attributes.utm_source, 'google');
	assert.equal(exposure.attributes.visitor_type, 'new');
	const second = await openPage({ config, cookieJar, storage: first.storage() });
	await second.hide();
	assert.equal(second.window.uplift.visitorId(), exposure.visitor_id);
	assert.deepEqual(second.events().filter((e) => e.type === 'exposure'), []);
});

test('the stored assignment wins over a new hash when the weights change', async () => {
	const cookieJar = new CookieJar();
	const first = await openPage({ config: clientConfig([treatment({})]), cookieJar });
	assert.equal(first.window.uplift.getVariant(12), '1');
	const reweighted = clientConfig([experiment({
		variants: [{ variant_id: '0', name: 'Control', weight: 1, data: [] }, { variant_id: '1', name: 'Variant 1', weight: 0, data: [] }],
	})]);
	const second = await openPage({ config: reweighted, cookieJar, storage: first.storage() });
	assert.equal(second.window.uplift.getVariant(12), '1');
	const stranger = await openPage({ config: reweighted });
	assert.equal(stranger.window.uplift.getVariant(12), '0');
});

test('a visitor left out by the traffic allocation sees nothing and sends nothing', async () => {
	const page = await openPage({ config: clientConfig([experiment({ traffic_allocation: 0 })]) });
	assert.equal(page.window.uplift.getVariant(12), null);
	await page.hide();
	assert.deepEqual(page.events(), []);
});

test('client-config is cached with its ETag and revalidated with If-None-Match', async () => {
	const seen = [];
	const config = (request) => {
		seen.push(request.headers['If-None-Match'] || null);
		return request.headers['If-None-Match'] === '"v1"'
			? { status: 304 }
			: { status: 200, body: clientConfig([treatment({ js: 'window.ran = (window.ran || 0) + 1' })]), headers: { ETag: '"v1"' } };
	};
	const first = await openPage({ config });
	assert.equal(first.requests[0].url, `https://ab.example/v2/project/${KEY}/client-config`);
	assert.equal(first.requests[0].init.credentials, 'omit');
	const second = await openPage({ config, storage: first.storage() });
	assert.deepEqual(seen, [null, '"v1"']);
	assert.equal(second.window.ran, 1, 'the cached configuration runs after a 304');
	const offline = await openPage({ config: () => { throw new TypeError('offline'); }, storage: first.storage() });
	assert.equal(offline.window.ran, 1, 'the cached configuration runs when the server cannot be reached');
});

test('the base address follows the script address, also under a path', async () => {
	const page = await openPage({ before: (window) => {
		window.document.querySelector('script').src = `https://cdn.example/ab/snippet.js?key=${KEY}`;
	} });
	assert.equal(page.requests[0].url, `https://cdn.example/ab/v2/project/${KEY}/client-config`);
});

test('preview shows the chosen variant without storing or sending anything', async () => {
	const config = clientConfig([treatment({ js: 'window.shown = "treatment"', data: [{ target: 'h1', textContent: 'Variant' }] })]);
	for (const choice of ['1', 'Variant_1', 'variant_1', 'Red_button']) {
		const page = await openPage({ url: `https://shop.example/anywhere?test-preview=12&test-variant=${choice}`, html: '<h1>Original</h1>', config });
		assert.equal(page.document.querySelector('h1').textContent, 'Variant', choice);
		assert.ok(page.requests[0].url.endsWith('/client-config?preview=12'));
		page.window.uplift.track('Purchase', { revenue: 1 });
		await page.hide();
		await page.clock.tick(5000);
		assert.deepEqual(page.events(), []);
		assert.deepEqual(page.storage(), {});
		assert.equal(page.cookies(), '');
	}
	const control = await openPage({ url: 'https://shop.example/pricing?test-preview=12&test-variant=Control', html: '<h1>Original</h1>', config });
	assert.equal(control.document.querySelector('h1').textContent, 'Original');
	assert.equal(control.window.uplift.getVariant(12), '0');
});

test('anti-flicker hides only the targeted elements until the variant is applied', async () => {
	const config = clientConfig([treatment({ data: [{ target: '.headline', textContent: 'New' }, { rm: '.banner' }] })]);
	const warm = await openPage({ config });
	let answer;
	const page = await openPage({
		config: () => new Promise((resolve) => (answer = resolve)),
		storage: warm.storage(),
		scriptQuery: `key=${KEY}&antiflicker=1`,
		html: '<h2 class="headline">Old</h2><div class="banner"></div><p>other</p>',
		wait: false,
	});
	const style = page.document.getElementById('uplift-anti-flicker');
	assert.equal(style.textContent, '.headline{visibility:hidden!important}\n.banner{visibility:hidden!important}');
	answer({ status: 200, body: config, headers: { ETag: '"v1"' } });
	await page.test.ready;
	assert.equal(page.document.querySelector('.headline').textContent, 'New');
	assert.equal(page.document.getElementById('uplift-anti-flicker'), null);
});

test('anti-flicker gives up after 3 seconds when the server does not answer', async () => {
	const config = clientConfig([treatment({ data: [{ target: '.headline', textContent: 'New' }] })]);
	const warm = await openPage({ config });
	const page = await openPage({
		config: () => new Promise(() => {}),
		storage: warm.storage(),
		scriptQuery: `key=${KEY}&antiflicker=1`,
		wait: false,
	});
	assert.ok(page.document.getElementById('uplift-anti-flicker'));
	await page.clock.tick(2999);
	assert.ok(page.document.getElementById('uplift-anti-flicker'));
	await page.clock.tick(1);
	assert.equal(page.document.getElementById('uplift-anti-flicker'), null);
});

test('without the option nothing is hidden', async () => {
	const config = clientConfig([treatment({ data: [{ target: '.headline', textContent: 'New' }] })]);
	const warm = await openPage({ config });
	for (const scriptQuery of [`key=${KEY}`, `key=${KEY}&antiflicker=0`]) {
		const page = await openPage({ config: () => new Promise(() => {}), storage: warm.storage(), scriptQuery, wait: false });
		assert.equal(page.document.getElementById('uplift-anti-flicker'), null, scriptQuery);
	}
});
