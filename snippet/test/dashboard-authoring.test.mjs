// The dashboard's authoring helpers (server/src/main/resources/static/dashboard/): an API error is
// shown next to the control its field path names, the closest enclosing path winning, and focused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';

const page = new JSDOM('<!doctype html><form id="form"></form>');
const { document } = page.window;
// The modules under test use the browser's globals.
globalThis.document = document;
globalThis.HTMLElement = page.window.HTMLElement;
page.window.HTMLElement.prototype.scrollIntoView = () => {};

const { ApiError } = await import('../../server/src/main/resources/static/dashboard/api.js');
const { clearErrors, field, h, showErrorIn } = await import('../../server/src/main/resources/static/dashboard/ui.js');

function form() {
	const scope = document.getElementById('form');
	scope.replaceChildren(
		field('Name', h('input', { dataset: { field: 'test_name' } })),
		field('CSS of Variant 1', h('textarea', { dataset: { field: 'variants[0].customCSS' } })),
		field('Targeting', h('textarea', { dataset: { field: 'targeting' } })),
		h('button', { type: 'submit' }, 'Save'),
	);
	return scope;
}

test('ApiError takes the field the message names first, in quotes', () => {
	assert.equal(new ApiError("'configuration.weights' must not all be 0", 400).field, 'configuration.weights');
	assert.equal(new ApiError('Experiment not found', 404).field, null);
	assert.equal(new ApiError('Experiment not found', 404).status, 404);
});

test('an error goes next to the control of its exact path, described by it and focused', () => {
	const scope = form();
	showErrorIn(scope, new ApiError("'variants[0].customCSS' must have at most 100000 characters"), scope.querySelector('button'));
	const control = scope.querySelector('[data-field="variants[0].customCSS"]');
	const message = scope.querySelector('.field-error');
	assert.equal(message.textContent, "'variants[0].customCSS' must have at most 100000 characters");
	assert.equal(control.getAttribute('aria-invalid'), 'true');
	assert.equal(control.getAttribute('aria-describedby'), message.id);
	assert.equal(control.parentElement, message.parentElement);
	assert.equal(document.activeElement, control);
});

test('a path without a control of its own goes to the closest enclosing one, else to the fallback', () => {
	const scope = form();
	showErrorIn(scope, new ApiError("'targeting.parameter_rule[0][1].operator' must be one of ex, nx"), scope.querySelector('button'));
	assert.equal(document.activeElement, scope.querySelector('[data-field="targeting"]'));
	assert.equal(scope.querySelectorAll('.field-error').length, 1);

	showErrorIn(scope, new ApiError('Send at least one field to change'), scope.querySelector('button'));
	assert.equal(scope.querySelectorAll('.field-error').length, 1, 'the earlier message is gone');
	assert.equal(scope.querySelector('[data-field="targeting"]').getAttribute('aria-invalid'), null);
	assert.equal(document.activeElement, scope.querySelector('button'));

	clearErrors(scope);
	assert.equal(scope.querySelectorAll('.field-error, [aria-invalid]').length, 0);
});

test('h sets properties, data and children, never HTML', () => {
	const node = h('input', { value: '<b>x</b>', dataset: { field: 'url' }, disabled: false });
	assert.equal(node.value, '<b>x</b>');
	assert.equal(node.dataset.field, 'url');
	assert.equal(node.disabled, false);
	const text = h('p', {}, '<img src=x onerror=alert(1)>');
	assert.equal(text.children.length, 0);
	assert.equal(text.textContent, '<img src=x onerror=alert(1)>');
});

const { overallVerdict } = await import('../../server/src/main/resources/static/dashboard/list.js');

function listed(treatments, { visitors = 2000, srm = false } = {}) {
	return {
		stats_engine: 'bayesian', confidence_threshold_percent: 95, total_visitors: visitors,
		srm: { p_value: srm ? 0.00001 : 0.7, detected: srm, expected_weights: [] },
		variants: [{ variant_id: '0', name: 'Control', is_control: true }, ...treatments.map(([name, lift, chance], index) => ({
			variant_id: String(index + 1), name, is_control: false, improvement: lift,
			statistics: { lift, chance_to_beat_control: chance, significant: chance >= 95 || chance <= 5, estimable: true,
				credible_interval: [lift - 5, lift + 5] },
		}))],
	};
}

test('a list row names the best winner, else a split to check, a loser, or why to keep running', () => {
	const winner = overallVerdict(listed([['Green', 12, 99], ['Blue', 20, 99.5], ['Red', -3, 30]]));
	assert.equal(winner.label, 'Winner: Blue');
	assert.equal(winner.shown.variant.name, 'Blue');
	assert.equal(overallVerdict(listed([['Green', 12, 99]], { srm: true })).label, 'Check the split');
	assert.equal(overallVerdict(listed([['Green', -12, 1], ['Blue', -9, 2]])).label, 'Loser');
	const running = overallVerdict(listed([['Green', 2, 70]]));
	assert.deepEqual([running.label, running.note], ['Keep running', 'interval crosses zero']);
	assert.equal(overallVerdict(listed([['Green', 2, 70]], { visitors: 0 })).label, '—');
});
