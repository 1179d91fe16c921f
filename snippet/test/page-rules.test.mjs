import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openPage } from './harness.mjs';

const { test: internals } = await openPage();
const VECTORS = JSON.parse(readFileSync(new URL('../../testdata/page-rule-vectors.json', import.meta.url), 'utf8'));

test('pageMatches agrees with every case of testdata/page-rule-vectors.json', () => {
	assert.ok(VECTORS.cases.length >= 50);
	for (const { name, page_urls: rules, page, expected } of VECTORS.cases) {
		assert.equal(internals.pageMatches(rules, page), expected, name);
	}
});
