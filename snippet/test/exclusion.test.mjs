import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, experiment, clientConfig, VECTORS } from './harness.mjs';

const { test: internals } = await openPage();

test('sliceAt agrees with every exclusion case of testdata/assignment-vectors.json', () => {
	assert.equal(VECTORS.exclusion_cases.length, 200);
	for (const vector of VECTORS.exclusion_cases) {
		const label = JSON.stringify(vector);
		const point = internals.hash(`__exclusion_${vector.group_id}`, vector.visitor_id);
		assert.equal(point, vector.hash, label);
		// The vectors write an even split as null: 100 / members each.
		const percents = vector.percents || new Array(vector.members).fill(100 / vector.members);
		const member = internals.sliceAt(point, percents);
		assert.equal(member < 0 ? null : member, vector.expected_member, label);
	}
});

const both = (groups) => clientConfig([
	experiment({ test_id: 12 }),
	experiment({ test_id: 13, experiment_key: '13' }),
], { exclusion_groups: groups });

test('two experiments of one exclusion group: each visitor enters only the one of their slice', async () => {
	const entered = { 12: 0, 13: 0 };
	for (let i = 0; i < 40; i++) {
		const page = await openPage({ config: both([{ group_id: 5, test_ids: [12, 13], percents: [30, 70] }]) });
		const point = internals.hash('__exclusion_5', page.window.uplift.visitorId());
		const expected = point < 0.3 ? 12 : 13;
		const other = expected === 12 ? 13 : 12;
		assert.equal(page.window.uplift.getVariant(expected), '1');
		assert.equal(page.window.uplift.getVariant(other), null);
		await page.hide();
		assert.deepEqual(page.events().filter((e) => e.type === 'exposure').map((e) => e.test_id), [expected]);
		entered[expected]++;
	}
	assert.ok(entered[12] > 0 && entered[13] > 0, JSON.stringify(entered));
});

test('without exclusion groups both experiments take every visitor', async () => {
	const page = await openPage({ config: both(undefined) });
	assert.equal(page.window.uplift.getVariant(12), '1');
	assert.equal(page.window.uplift.getVariant(13), '1');
});

test('a stored assignment wins over the visitor\'s exclusion slice', async () => {
	const first = await openPage({ config: both([]) });
	const point = internals.hash('__exclusion_5', first.window.uplift.visitorId());
	const outside = point < 0.5 ? 12 : 13;
	const grouped = both([{ group_id: 5, test_ids: [12, 13], percents: [50, 50] }]);
	const second = await openPage({ config: grouped, storage: first.storage() });
	assert.equal(second.window.uplift.getVariant(outside === 12 ? 13 : 12), '1');
	assert.equal(second.window.uplift.getVariant(outside), '1');
});
