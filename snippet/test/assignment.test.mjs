import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, VECTORS } from './harness.mjs';

const { test: internals } = await openPage();

const split = (seed, allocation, weights) => ({ testId: 1, version: 2, seed, allocation, weights });

test('fnv1a32 matches the published FNV-1a vectors', () => {
	assert.equal(internals.fnv1a32(''), 0x811c9dc5);
	assert.equal(internals.fnv1a32('a'), 0xe40c292c);
	assert.equal(internals.fnv1a32('foobar'), 0xbf9cf968);
	for (const known of VECTORS.fnv1a32) {
		assert.equal(internals.fnv1a32(known.input), known.hash);
	}
});

test('hash matches GrowthBook\'s published hash version 2 cases', () => {
	assert.ok(VECTORS.growthbook_hash_v2.length >= 7);
	for (const [seed, value, , expected] of VECTORS.growthbook_hash_v2) {
		assert.equal(internals.hash(seed, value), expected, `${seed} ${value}`);
	}
});

test('bucketRanges matches GrowthBook\'s published getBucketRange cases to 8 decimals', () => {
	const round = (x) => Math.round(x * 1e8) / 1e8;
	for (const [name, [count, coverage, weights], expected] of VECTORS.growthbook_bucket_ranges) {
		// The page builds its arrays in its own realm: compare plain copies.
		const ranges = JSON.parse(JSON.stringify(internals.bucketRanges(count, coverage, weights)));
		assert.deepEqual(ranges.map((range) => range.map(round)), expected.map((range) => range.map(round)), name);
	}
});

test('chooseVariation matches GrowthBook\'s published chooseVariation cases', () => {
	for (const [name, point, ranges, expected] of VECTORS.growthbook_choose_variation) {
		assert.equal(internals.chooseVariation(point, ranges), expected, name);
	}
});

test('assign agrees with every hash version 2 case of testdata/assignment-vectors.json', () => {
	assert.ok(VECTORS.cases.length >= 300);
	for (const vector of VECTORS.cases) {
		const label = JSON.stringify(vector);
		assert.equal(internals.hash(vector.hash_seed, vector.visitor_id), vector.hash, label);
		const arm = internals.assign(split(vector.hash_seed, vector.traffic_allocation, vector.weights), vector.visitor_id);
		assert.equal(arm < 0 ? null : String(arm), vector.expected_variant, label);
	}
});

test('assign keeps hash version 1 for the experiments created under it', () => {
	assert.ok(VECTORS.legacy_cases.length >= 100);
	for (const vector of VECTORS.legacy_cases) {
		const label = JSON.stringify(vector);
		assert.equal(internals.fnv1a32(`${vector.test_id}:${vector.visitor_id}`), vector.fnv_test_visitor, label);
		assert.equal(internals.fnv1a32(`${vector.visitor_id}:${vector.test_id}`), vector.fnv_visitor_test, label);
		const arm = internals.assign({ testId: vector.test_id, version: 1, seed: String(vector.test_id),
			allocation: vector.traffic_allocation, weights: vector.weights }, vector.visitor_id);
		assert.equal(arm < 0 ? null : String(arm), vector.expected_variant, label);
	}
});

test('a lone surrogate hashes as "?", as Java encodes it', () => {
	assert.equal(internals.fnv1a32('a\ud800b'), internals.fnv1a32('a?b'));
	assert.notEqual(internals.fnv1a32('\ud83d\ude42'), internals.fnv1a32('??'));
});

test('an arm of weight 0 is never chosen', () => {
	const counts = [0, 0, 0, 0, 0];
	for (let i = 0; i < 20000; i++) {
		counts[internals.assign(split('9', 100, [0, 1, 0, 2, 0]), `visitor-${i}`)]++;
	}
	assert.deepEqual([counts[0], counts[2], counts[4]], [0, 0, 0]);
	assert.equal(counts[1] + counts[3], 20000);
});

test('allocation 0 excludes everyone and 100 includes everyone', () => {
	for (let i = 0; i < 5000; i++) {
		assert.equal(internals.assign(split('42', 0, [1, 1]), `visitor-${i}`), -1);
		assert.notEqual(internals.assign(split('42', 100, [1, 1]), `visitor-${i}`), -1);
	}
});

test('a larger allocation only adds visitors and never moves one', () => {
	for (let i = 0; i < 5000; i++) {
		const small = internals.assign(split('7', 30, [1, 1, 1]), `visitor-${i}`);
		if (small >= 0) {
			assert.equal(internals.assign(split('7', 60, [1, 1, 1]), `visitor-${i}`), small);
		}
	}
});
