// The dashboard's verdict per treatment (server/src/main/resources/static/dashboard/verdict.js), shared
// with the share page: winner, loser or keep running with its reason, and the lift as people read it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	verdictOf, verdicts, liftText, WINNER, LOSER, KEEP_RUNNING, NOT_ENOUGH_DATA, CROSSES_ZERO, SRM,
} from '../../server/src/main/resources/static/dashboard/verdict.js';

const NO_SRM = { p_value: 0.8, detected: false, expected_weights: [0.5, 0.5] };

function result(engine, statistics, { improvement = statistics.lift, srm = NO_SRM } = {}) {
	return {
		stats_engine: engine,
		confidence_threshold_percent: 95,
		srm,
		variants: [
			{ variant_id: '0', name: 'Control', is_control: true, conversion_rate: 10 },
			{ variant_id: '1', name: 'Bold', is_control: false, improvement, statistics },
		],
	};
}

function stats(overrides) {
	return {
		lift: 44, chance_to_beat_control: 99.9, credible_interval: [13.2, 74.4], expected_loss: 0.01,
		p_value: 0.002, confidence_interval: [12.6, 75.1], significant: true, sequential: false, estimable: true,
		...overrides,
	};
}

const only = (r) => verdictOf(r.variants[1], r);

test('the lift reads as "+44% (13% to 74%)", small ones with a decimal', () => {
	assert.equal(liftText(44.04, [13.2, 74.4]), '+44% (13% to 74%)');
	assert.equal(liftText(-4.46, [-9.9, 1.04]), '-4.5% (-9.9% to 1%)');
	assert.equal(liftText(0.01, null), '0%');
	assert.equal(liftText(null, [1, 2]), '—');
});

test('a significant rise is a winner with the engine\'s interval', () => {
	const v = only(result('bayesian', stats()));
	assert.equal(v.kind, WINNER);
	assert.equal(v.label, 'Winner');
	assert.equal(v.liftText, '+44% (13% to 74%)');
	assert.equal(v.direction, 'up');
	assert.deepEqual(v.headline.map((n) => n.key), ['chance', 'loss', 'credible']);
	assert.deepEqual(v.other.map((n) => n.key), ['p-value', 'confidence']);
	assert.match(v.reasonText, /99\.90 % chance to beat Control, above the 95% threshold/);
});

test('a significant drop is a loser, never a winner, in both engines', () => {
	const bayes = only(result('bayesian', stats({ lift: -30, chance_to_beat_control: 0.2, credible_interval: [-45, -12] })));
	assert.equal(bayes.kind, LOSER);
	assert.equal(bayes.direction, 'down');
	assert.equal(bayes.liftText, '-30% (-45% to -12%)');
	const freq = only(result('frequentist', stats({ lift: -30, chance_to_beat_control: 0.2,
		confidence_interval: [-44, -13], p_value: 0.001 }), { improvement: -29.6 }));
	assert.equal(freq.kind, LOSER);
	assert.equal(freq.liftText, '-30% (-44% to -13%)');
	assert.match(freq.reasonText, /below zero/);
});

test('the frequentist engine puts its p-value and confidence interval first, Holm-adjusted said', () => {
	const r = result('frequentist', stats({ p_value: 0.01, p_value_adjusted: 0.02, sequential: true }), { improvement: 43.5 });
	const v = only(r);
	assert.equal(v.kind, WINNER);
	assert.equal(v.engine, 'frequentist');
	assert.deepEqual(v.headline.map((n) => n.label),
		['p-value (Holm-adjusted)', '95% always-valid confidence interval', 'p-value before adjustment']);
	assert.equal(v.headline[0].value, '0.02');
	assert.match(v.headline[0].explain, /Holm-adjusted: corrected for comparing several treatments/);
	assert.match(v.headline[1].explain, /Always-valid/);
	assert.equal(v.liftText, '+44% (13% to 75%)');
	assert.deepEqual(v.other.map((n) => n.key), ['chance', 'loss', 'credible']);
	assert.ok(v.holm);
	assert.match(v.reasonText, /\(Holm-adjusted\)/);
});

test('not significant: keep running, the interval crosses zero', () => {
	const r = result('frequentist', stats({ significant: false, p_value: 0.17, confidence_interval: [-3.5, 91] }),
		{ improvement: 35 });
	const v = only(r);
	assert.equal(v.kind, KEEP_RUNNING);
	assert.equal(v.reason, CROSSES_ZERO);
	assert.equal(v.label, 'Keep running');
	assert.match(v.reasonText, /crosses zero: p = 0\.17, not below 0\.05/);
	assert.equal(v.liftText, '+35% (-3.5% to 91%)');
});

test('too little data: keep running, no lift shown', () => {
	const v = only(result('bayesian', stats({ estimable: false, significant: false, lift: 0, credible_interval: [0, 0] })));
	assert.equal(v.kind, KEEP_RUNNING);
	assert.equal(v.reason, NOT_ENOUGH_DATA);
	assert.equal(v.liftText, '—');
	assert.equal(v.direction, 'flat');
});

test('a sample ratio mismatch blocks the call even when significant', () => {
	const v = only(result('bayesian', stats(), { srm: { p_value: 0.00001, detected: true, expected_weights: [0.5, 0.5] } }));
	assert.equal(v.kind, KEEP_RUNNING);
	assert.equal(v.reason, SRM);
	assert.match(v.reasonText, /Sample ratio mismatch \(p = < 0\.0001\)/);
});

test('a segment is judged against its own srm, and every treatment gets a verdict', () => {
	const r = result('bayesian', stats());
	r.srm = { p_value: 0.00001, detected: true, expected_weights: [0.5, 0.5] };
	assert.equal(verdictOf(r.variants[1], r, NO_SRM).kind, WINNER);
	const all = verdicts(r);
	assert.deepEqual(all.map((entry) => entry.variant.variant_id), ['1']);
	assert.equal(all[0].verdict.reason, SRM);
});

test('in a breakdown, a segment is called only when it holds across segments', () => {
	const r = result('bayesian', stats({ p_value_segments_adjusted: 0.478 }));
	const v = only(r);
	assert.equal(v.kind, KEEP_RUNNING);
	assert.equal(v.reason, CROSSES_ZERO);
	assert.match(v.reasonText, /not once every segment is counted: p = 0\.478 across segments \(Holm-adjusted\)/);
	r.variants[1].statistics.p_value_segments_adjusted = 0.01;
	assert.equal(only(r).kind, WINNER);
});
