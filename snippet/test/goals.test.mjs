import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, experiment, clientConfig } from './harness.mjs';

const goal = (goal_key, goal_type, goal_value) => ({ goal_key, goal_type, goal_value });

async function pageWithGoals(goals, options = {}) {
	const page = await openPage({ config: clientConfig([experiment({ goals, page_urls: [] })]), ...options });
	return page;
}

async function goalKeys(page) {
	await page.hide();
	return page.events().filter((e) => e.type === 'goal').map((e) => e.goal_key);
}

test('click goals: element, text and external link', async () => {
	const page = await pageWithGoals([
		goal('cta', 'clickOnElement', '.cta'),
		goal('cart', 'clickOnText', 'Add to cart'),
		goal('pay', 'externalLink', 'stripe.com'),
		goal('never', 'clickOnElement', '.absent'),
	], { html: '<button class="cta"><span id="inner">Go</span></button><div><button id="add">  Add   to Cart </button></div>'
		+ '<a id="out" href="https://checkout.stripe.com/pay">Pay</a><a id="local" href="/x">x</a>' });
	const click = (selector) => page.document.querySelector(selector).dispatchEvent(new page.window.MouseEvent('click', { bubbles: true }));
	click('#inner');
	click('#inner');
	click('#add');
	click('#local');
	click('#out');
	assert.deepEqual(await goalKeys(page), ['cta', 'cart', 'pay'], 'each goal converts once per page');
});

test('form submit goal converts and sends at once', async () => {
	const page = await pageWithGoals([goal('signup', 'formSubmit', 'form#signup')],
		{ html: '<form id="other"></form><form id="signup"><input name="e"></form>' });
	await page.hide();
	const before = page.events().length;
	page.document.querySelector('#other').dispatchEvent(new page.window.Event('submit', { bubbles: true, cancelable: true }));
	page.document.querySelector('#signup').dispatchEvent(new page.window.Event('submit', { bubbles: true, cancelable: true }));
	await page.clock.tick(0);
	const sent = page.events().slice(before);
	assert.deepEqual(sent.map((e) => e.goal_key), ['signup'], 'sent without waiting for the batch timer');
});

test('pageview goals convert on a matching page only', async () => {
	const goals = [goal('thanks', 'pageview', '/thank-you'), goal('exact', 'pageviewExact', 'https://shop.example/thank-you'),
		goal('wild', 'pageviewWildcard', '/thank-*'), goal('re', 'pageviewRegex', '^/thank-you$'), goal('other', 'pageview', '/cart')];
	const page = await pageWithGoals(goals, { url: 'https://shop.example/thank-you' });
	assert.deepEqual(await goalKeys(page), ['thanks', 'exact', 'wild', 're']);
});

test('goals of experiments the visitor has not entered are not watched', async () => {
	const config = clientConfig([experiment({ goals: [goal('thanks', 'pageview', '/thank-you')] })]);
	const page = await openPage({ url: 'https://shop.example/thank-you', config });
	assert.deepEqual(await goalKeys(page), []);
});

test('element appears: on intersection, also for elements added later', async () => {
	const observed = [];
	let fire;
	const page = await pageWithGoals([goal('seen', 'elementAppears', '.success')], {
		before: (window) => {
			window.IntersectionObserver = class {
				constructor(callback) {
					fire = (isIntersecting) => callback([{ isIntersecting }]);
				}
				observe(el) {
					observed.push(el);
				}
				disconnect() {}
			};
		},
	});
	const success = page.document.createElement('p');
	success.className = 'success';
	page.document.body.appendChild(success);
	await page.clock.tick(0);
	assert.ok(observed.includes(success));
	fire(false);
	assert.deepEqual(await goalKeys(page), []);
	fire(true);
	assert.deepEqual(await goalKeys(page), ['seen']);
});

test('element appears without IntersectionObserver converts when the element exists', async () => {
	const page = await pageWithGoals([goal('seen', 'elementAppears', '.success')], { html: '<p class="success">ok</p>' });
	assert.deepEqual(await goalKeys(page), ['seen']);
});

test('scrolling goal converts at the rounded percentage', async () => {
	const page = await pageWithGoals([goal('deep', 'scrolling', '75')]);
	const { window } = page;
	Object.defineProperty(window.document.documentElement, 'scrollHeight', { value: 2000 });
	Object.defineProperty(window, 'innerHeight', { value: 500 });
	const scrollTo = async (y) => {
		Object.defineProperty(window, 'scrollY', { value: y, configurable: true });
		window.dispatchEvent(new window.Event('scroll'));
		await page.clock.tick(0);
	};
	await scrollTo(980);
	assert.deepEqual(await goalKeys(page), [], '74% is not enough');
	await scrollTo(990);
	assert.deepEqual(await goalKeys(page), ['deep']);
});

test('duration goal converts after the given seconds', async () => {
	const page = await pageWithGoals([goal('stay', 'duration', '30'), goal('broken', 'duration', 'soon')]);
	await page.clock.tick(29999);
	assert.deepEqual(await goalKeys(page), []);
	await page.clock.tick(1);
	assert.deepEqual(await goalKeys(page), ['stay']);
});

test('event and revenue goals are left to the server, which matches track() events by name', async () => {
	const page = await pageWithGoals([goal('buy', 'revenue', 'Purchase'), goal('signup', 'event', 'signup_completed')]);
	page.window.uplift.track('Purchase', { revenue: 49.99, currency: 'USD' });
	await page.hide();
	const events = page.events().filter((e) => e.type !== 'exposure');
	assert.equal(events.length, 1);
	assert.equal(events[0].type, 'event');
	assert.equal(events[0].name, 'Purchase');
	assert.deepEqual(events[0].properties, { revenue: 49.99, currency: 'USD' });
	assert.match(events[0].event_id, /^[0-9a-z]{9}[A-Za-z0-9]{16}$/);
});
