import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CookieJar } from 'jsdom';
import { openPage, experiment, clientConfig, VECTORS } from './harness.mjs';

const { test: internals } = await openPage();

test('inRollout agrees with every serving case of testdata/assignment-vectors.json', () => {
	assert.ok(VECTORS.serving_cases.length >= 200);
	for (const vector of VECTORS.serving_cases) {
		const label = JSON.stringify(vector);
		assert.equal(internals.hash(`__serving_${vector.hash_seed}`, vector.visitor_id), vector.hash, label);
		assert.equal(internals.inRollout(vector.hash_seed, vector.visitor_id, vector.rollout), vector.in_rollout, label);
	}
});

// Three arms; the winner (Variant 2) changes the heading.
const served = (serving) => experiment({
	hash_seed: 'pricing',
	variants: [
		{ variant_id: '0', name: 'Control', weight: 1, css: '', js: '', data: [] },
		{ variant_id: '1', name: 'Variant 1', weight: 1, css: '', js: '', data: [{ target: 'h1', innerText: 'One' }] },
		{ variant_id: '2', name: 'Variant 2', weight: 1, css: '', js: '', data: [{ target: 'h1', innerText: 'Winner' }] },
	],
	...(serving ? { serving } : {}),
});

test('a served winner reaches its rollout share only, by the rollout hash, and enters only them', async () => {
	let inside = 0;
	for (let i = 0; i < 30; i++) {
		const page = await openPage({ html: '<h1>Original</h1>', config: clientConfig([served({ variant_id: '2', rollout: 50 })]) });
		const expected = internals.inRollout('pricing', page.window.uplift.visitorId(), 50);
		assert.equal(page.document.querySelector('h1').textContent, expected ? 'Winner' : 'Original');
		assert.equal(page.window.uplift.getVariant(12), expected ? '2' : null);
		await page.hide();
		const exposures = page.events().filter((e) => e.type === 'exposure');
		assert.deepEqual(exposures.map((e) => e.variant_id), expected ? ['2'] : []);
		inside += expected ? 1 : 0;
	}
	assert.ok(inside > 0 && inside < 30, `${inside} of 30 in the rollout`);
});

test('a visitor who entered before serving gets the rollout\'s answer and keeps their arm for later', async () => {
	const cookieJar = new CookieJar();
	const before = await openPage({ html: '<h1>Original</h1>', config: clientConfig([served(null)]), cookieJar });
	const arm = before.window.uplift.getVariant(12);
	assert.notEqual(arm, null);
	await before.hide();
	const id = before.window.uplift.visitorId();
	const rollout = internals.inRollout('pricing', id, 50);
	const during = await openPage({
		html: '<h1>Original</h1>', config: clientConfig([served({ variant_id: '2', rollout: 50 })]), cookieJar, storage: before.storage(),
	});
	assert.equal(during.window.uplift.getVariant(12), rollout ? '2' : null);
	assert.equal(during.document.querySelector('h1').textContent, rollout ? 'Winner' : 'Original');
	await during.hide();
	assert.deepEqual(during.events().filter((e) => e.type === 'exposure'), [], 'an entered visitor is not entered again');
	const after = await openPage({ html: '<h1>Original</h1>', config: clientConfig([served(null)]), cookieJar, storage: during.storage() });
	assert.equal(after.window.uplift.getVariant(12), arm);
});

test('rollout 0 shows the original page to everyone and 100 the winner to everyone', async () => {
	const none = await openPage({ html: '<h1>Original</h1>', config: clientConfig([served({ variant_id: '1', rollout: 0 })]) });
	assert.equal(none.document.querySelector('h1').textContent, 'Original');
	const all = await openPage({ html: '<h1>Original</h1>', config: clientConfig([served({ variant_id: '1', rollout: 100 })]) });
	assert.equal(all.document.querySelector('h1').textContent, 'One');
});
