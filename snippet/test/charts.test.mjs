// The dashboard's chart data (results-view.js, charts.js): the timeseries rows turned into lines per
// variant and day, and the forest plot's axis ticks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeseriesSeries } from '../../server/src/main/resources/static/dashboard/results-view.js';
import { ticks } from '../../server/src/main/resources/static/dashboard/charts.js';

const result = { variants: [{ variant_id: '0', name: 'Control' }, { variant_id: '1', name: 'Bold' }] };

test('timeseries rows become a rate line per variant and a lift line with its band per treatment', () => {
	const row = (variant_id, date, rate, improvement, interval) => ({
		variant_id, date, visitors: 10, conversions: 1, cumulative_conversion_rate: rate,
		cumulative_improvement: improvement, cumulative_confidence_interval: interval,
	});
	const series = timeseriesSeries({ timeseries: [
		row('1', '2026-05-02', 12, 20, [-5, 45]), row('0', '2026-05-01', 10, null, null),
		row('1', '2026-05-01', 11, 10, [-30, 50]), row('0', '2026-05-02', 10, null, null),
	] }, result);
	assert.deepEqual(series.days, ['2026-05-01', '2026-05-02']);
	assert.deepEqual(series.rate, [{ label: 'Control', values: [10, 10] }, { label: 'Bold', values: [11, 12] }]);
	assert.deepEqual(series.lift, [{ label: 'Bold', values: [10, 20], band: [[-30, -5], [50, 45]] }]);
});

test('a timeseries without the cumulative fields draws nothing', () => {
	assert.equal(timeseriesSeries({ timeseries: [{ variant_id: '0', visitors: 3, created_at: '2026-05-01T00:00:00Z' }] },
		result), null);
	assert.equal(timeseriesSeries({}, result), null);
});

test('ticks are round and cover the range', () => {
	assert.deepEqual(ticks(-12, 48), [0, 20, 40]);
	assert.deepEqual(ticks(-1.2, 0.3), [-1, -0.5, 0]);
	assert.deepEqual(ticks(2, 3), [2, 2.2, 2.4, 2.6, 2.8, 3]);
});
