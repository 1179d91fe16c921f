// The dashboard's budget: its JavaScript and CSS, the chart library included, under 120 KB gzipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUDGET_BYTES, dashboardFiles } from '../dashboard-size.mjs';

test('dashboard JavaScript and CSS stay under 120 KB gzipped', () => {
	const files = dashboardFiles();
	assert.ok(files.some((file) => file.name === 'dashboard.js'), 'the dashboard script is counted');
	assert.ok(files.some((file) => file.name.endsWith('uPlot.iife.min.js')), 'the chart library is counted');
	const total = files.reduce((sum, file) => sum + file.gzipped, 0);
	assert.ok(total < BUDGET_BYTES, `${total} bytes gzipped, budget ${BUDGET_BYTES}`);
});
