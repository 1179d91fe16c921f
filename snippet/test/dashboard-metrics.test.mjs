// The experiment view's secondary goals (server/src/main/resources/static/dashboard/metrics-view.js):
// one row per goal and treatment from GET .../metrics, called only when its p-value Holm-adjusted
// across metrics holds, with revenue per visitor where the goal has revenue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metricRows, metricsQuery, metricsSummary } from '../../server/src/main/resources/static/dashboard/metrics-view.js';
import { CROSSES_ZERO, KEEP_RUNNING, LOSER, WINNER } from '../../server/src/main/resources/static/dashboard/verdict.js';

const result = {
	stats_engine: 'frequentist', confidence_threshold_percent: 95, srm: { p_value: 0.6, detected: false },
	variants: [{ variant_id: '0', is_control: true }, { variant_id: '1', is_control: false }, { variant_id: '2', is_control: false }],
};

function arm(id, rate, statistics, money = {}) {
	return { variant_id: id, name: id === '0' ? 'Control' : `Variant ${id}`, is_control: id === '0', visitors: 400,
		conversions: rate * 4, conversion_rate: rate, improvement: statistics ? statistics.lift : undefined, statistics, ...money };
}

function stats(lift, pValue, acrossMetrics, interval) {
	return { lift, p_value: pValue, p_value_adjusted: pValue, p_value_metrics_adjusted: acrossMetrics,
		confidence_interval: interval, significant: pValue < 0.05, estimable: true, chance_to_beat_control: lift > 0 ? 99 : 1 };
}

const body = {
	metric_count: 2,
	metric_definitions: [{ metric_key: 'cart', name: 'Add to cart' }, { metric_key: 'bounce', name: 'Bounce' }],
	metric_results: [
		{ metric_key: 'cart', result_key: 'result_1', variants: [
			arm('0', 25, null, { rpv: 2.5, currency: 'USD' }),
			arm('1', 32.5, stats(30, 0.01, 0.03, [8, 52]), { rpv: 3.58, currency: 'USD', revenue_per_visitor_improvement: 43.2,
				revenue_statistics: { confidence_interval: [12.1, 74.3] } }),
			arm('2', 25, stats(0, 1, 1, [-20, 20]), { rpv: 2.5, currency: 'USD', revenue_per_visitor_improvement: 0 }),
		] },
		{ metric_key: 'bounce', result_key: 'result_2', variants: [
			arm('0', 50, null), arm('1', 47.5, stats(-5, 0.02, 0.06, [-9, -1])), arm('2', 70, stats(-40, 0.0001, 0.0004, [-50, -30])),
		] },
	],
};

test('one row per goal and treatment, called only when it holds across metrics', () => {
	const rows = metricRows(body, result);
	assert.deepEqual(rows.map((row) => [row.goalName, row.treatment, row.verdict.kind]), [
		['Add to cart', 'Variant 1', WINNER],
		['Add to cart', 'Variant 2', KEEP_RUNNING],
		['Bounce', 'Variant 1', KEEP_RUNNING],
		['Bounce', 'Variant 2', LOSER],
	]);
	assert.equal(rows[0].verdict.liftText, '+30% (8% to 52%)');
	assert.equal(rows[0].pAcrossMetrics, 0.03);
	assert.deepEqual([rows[0].rate, rows[0].controlRate], [32.5, 25]);
	// Significant for bounce alone (p = 0.02), not once four comparisons are counted (0.06).
	assert.equal(rows[2].verdict.reason, CROSSES_ZERO);
	assert.equal(rows[2].note, 'not significant across metrics');
	assert.match(rows[2].verdict.reasonText, /not once every metric is counted: p = 0\.06 across metrics \(Holm-adjusted\)/);
	assert.equal(rows[1].note, 'interval crosses zero');
});

test('revenue per visitor where the goal has revenue, none where it has not', () => {
	const [cart, flat, bounce] = metricRows(body, result);
	assert.deepEqual(cart.revenue, { rpv: 3.58, controlRpv: 2.5, currency: 'USD', liftText: '+43% (12% to 74%)', direction: 'up' });
	assert.equal(flat.revenue.direction, 'flat');
	assert.equal(bounce.revenue, null);
});

test('the summary says over how many metrics and treatments Holm adjusts', () => {
	assert.match(metricsSummary(body, result), /Holm-adjusted across 2 metrics and 2 treatments \(4 comparisons\)/);
	const one = { ...result, variants: result.variants.slice(0, 2) };
	assert.match(metricsSummary({ ...body, metric_results: body.metric_results.slice(0, 1) }, one), /across 1 metric:/);
	assert.match(metricsSummary({ metric_count: 0, metric_results: [] }, result), /^No secondary goals/);
});

test('the metrics are asked for the result\'s window, segment and phase, without its goal or breakdown', () => {
	const query = new URLSearchParams({ start_date: '2026-05-01', end_date: '2026-05-07', goal_key: 'buy', filter_by: 'mobile',
		breakdown_by: 'device', report_phase: 'post_deploy' });
	assert.equal(metricsQuery(query).toString(), 'start_date=2026-05-01&end_date=2026-05-07&filter_by=mobile&report_phase=post_deploy');
	assert.equal(query.get('goal_key'), 'buy', 'the result\'s query is left as it was');
});
