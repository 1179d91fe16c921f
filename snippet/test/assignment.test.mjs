import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, VECTORS } from './harness.mjs';

const { test: internals } = await openPage();

test('fnv1a32 matches the published FNV-1a vectors', () => {
	assert.equal(internals.fnv1a32(''), 0x811c9dc5);
	assert.equal(internals.fnv1a32('a'), 0xe40c292c);
	assert.equal(internals.fnv1a32('foobar'), 0xbf9cf968);
	for (const known of VECTORS.fnv1a32) {
		assert.equal(internals.fnv1a32(known.input), known.hash);
	}
});

test('assign agrees with every shared vector of testdata/assignment-vectors.json', () => {
	assert.ok(VECTORS.cases.length >= 200);
	for (const vector of VECTORS.cases) {
		const label = JSON.stringify(vector);
		assert.equal(internals.fnv1a32(`${vector.test_id}:${vector.visitor_id}`), vector.fnv_test_visitor, label);
		assert.equal(internals.fnv1a32(`${vector.visitor_id}:${vector.test_id}`), vector.fnv_visitor_test, label);
		const arm = internals.assign(vector.test_id, vector.visitor_id, vector.traffic_allocation, vector.weights);
		assert.equal(arm < 0 ? null : String(arm), vector.expected_variant, label);
	}
});

test('a lone surrogate hashes as "?", as Java encodes it', () => {
	assert.equal(internals.fnv1a32('a\ud800b'), internals.fnv1a32('a?b'));
	assert.notEqual(internals.fnv1a32('\ud83d\ude42'), internals.fnv1a32('??'));
});

test('equal weights give each of k arms exactly 1/k', () => {
	for (let k = 1; k <= 12; k++) {
		const weights = new Array(k).fill(1);
		for (let i = 0; i < k; i++) {
			assert.equal(internals.armAt(i / k, weights), i);
			assert.equal(internals.armAt((i + 1) / k - Number.EPSILON / 2, weights), i);
		}
	}
});

test('an arm of weight 0 is never chosen', () => {
	const counts = [0, 0, 0, 0, 0];
	for (let i = 0; i < 20000; i++) {
		counts[internals.assign(9, `visitor-${i}`, 100, [0, 1, 0, 2, 0])]++;
	}
	assert.deepEqual([counts[0], counts[2], counts[4]], [0, 0, 0]);
	assert.equal(counts[1] + counts[3], 20000);
});

test('allocation 0 excludes everyone and 100 includes everyone', () => {
	for (let i = 0; i < 5000; i++) {
		assert.equal(internals.assign(42, `visitor-${i}`, 0, [1, 1]), -1);
		assert.notEqual(internals.assign(42, `visitor-${i}`, 100, [1, 1]), -1);
	}
});
