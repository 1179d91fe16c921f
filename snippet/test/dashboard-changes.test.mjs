// The experiment form's page changes and split URL fields (server/src/main/resources/static/dashboard/
// changes.js, authoring.js): Mida's `data` shapes read into the form and written back unchanged, a
// change that cannot work refused next to its control, and a split test sent in the digest's shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';

const page = new JSDOM(`<!doctype html><section id="editor"><h1 id="editor-title"></h1>
	<form id="editor-form" novalidate></form></section><form id="form"></form>`, { url: 'http://localhost/dashboard#new' });
const { window } = page;
const { document, location } = window;
globalThis.document = document;
globalThis.location = location;
globalThis.Event = window.Event;
globalThis.HTMLElement = window.HTMLElement;
window.HTMLElement.prototype.scrollIntoView = () => {};

const dashboard = '../../server/src/main/resources/static/dashboard';
const { ApiError } = await import(`${dashboard}/api.js`);
const { changeFrom, changesEditor, isSplit, kindOf, redirectOf } = await import(`${dashboard}/changes.js`);
const { openEditor } = await import(`${dashboard}/authoring.js`);

// One of each shape of docs/mida-v2-api.md §3.3, in an order the browser script applies them.
const MIDA = [
	{ target: 'h1', innerText: 'Start your free trial' },
	{ target: '.hero img', src: 'https://cdn.example.com/b.png', sitewide: false, pageUrl: 'https://example.com/pricing' },
	{ target: '.banner', style: 'display: none;' },
	{ rm: '.cookie-wall' },
	{ refEl: 'h1', dir: 'p', htmlBlock: '<span class="badge">New</span>' },
	{ oriEl: '.reviews', refEl: '.cta-button', dir: 'b', sitewide: false, pageUrl: '/pricing' },
	{ target: 'h1', innerText: 'Two', class: 'big' },
];

function scope() {
	const form = document.getElementById('form');
	form.replaceChildren();
	return form;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test('each shape of the digest is read as its kind; any other shape is kept as JSON', () => {
	assert.deepEqual(MIDA.map(kindOf), ['modify', 'modify', 'hide', 'remove', 'insert', 'move', 'json']);
	assert.equal(kindOf({ target: 'h1', innerText: 'x', sitewide: false }), 'json', 'page-specific without its page');
	assert.equal(kindOf({ refEl: 'h1', dir: 'x', htmlBlock: '' }), 'json');
	assert.equal(kindOf('h1'), 'json');
});

test('changes read into the form come back in the same shape and order', () => {
	const editor = changesEditor(MIDA);
	scope().append(editor.node);
	editor.setPath('variants[1].data');
	assert.deepEqual(editor.values(), MIDA);
	const fields = [...editor.node.querySelectorAll('[data-field]')].map((node) => node.dataset.field);
	assert.ok(fields.includes('variants[1].data[1].src'), 'the value is named by its property');
	assert.ok(fields.includes('variants[1].data[3].rm'));
	assert.ok(fields.includes('variants[1].data[6]'), 'a JSON change is named by its index');
});

test('a change is added, edited and removed through its controls', () => {
	const editor = changesEditor([]);
	scope().append(editor.node);
	editor.setPath('variants[0].data');
	const add = [...editor.node.querySelectorAll('button')].find((button) => button.textContent === 'Add a page change');
	add.click();
	add.click();
	const [first, second] = editor.node.querySelectorAll('li.change');
	first.querySelector('[data-key=target]').value = '.cta-button';
	const property = first.querySelector('[data-key=property]');
	property.value = 'href';
	property.dispatchEvent(new window.Event('change'));
	first.querySelector('[data-key=value]').value = '/signup';
	assert.equal(first.querySelector('[data-key=value]').dataset.field, 'variants[0].data[0].href');
	const kind = second.querySelector('.change-kind');
	kind.value = 'insert';
	kind.dispatchEvent(new window.Event('change'));
	second.querySelector('[data-key=refEl]').value = 'h1';
	second.querySelector('[data-key=dir]').value = 'a';
	second.querySelector('[data-key=htmlBlock]').value = '<p>Free shipping</p>';
	const pageOnly = second.querySelector('[data-key=sitewide]');
	pageOnly.checked = true;
	pageOnly.dispatchEvent(new window.Event('change'));
	second.querySelector('[data-key=pageUrl]').value = '/cart';
	assert.deepEqual(editor.values(), [
		{ target: '.cta-button', href: '/signup' },
		{ refEl: 'h1', dir: 'a', htmlBlock: '<p>Free shipping</p>', sitewide: false, pageUrl: '/cart' },
	]);
	[...first.querySelectorAll('button')].find((button) => button.textContent === 'Remove change').click();
	assert.equal(editor.node.querySelector('.change-kind').dataset.field, 'variants[0].data[0].kind', 'renumbered');
	assert.equal(editor.values().length, 1);
});

test('a change that cannot work is refused, naming its control', () => {
	const refused = (entry) => {
		try {
			changeFrom({ kind: 'modify', target: 'h1', property: 'innerText', value: '', pageOnly: false, pageUrl: '', ...entry },
				'variants[0].data[2]');
		} catch (error) {
			assert.ok(error instanceof ApiError);
			return error.field;
		}
		return null;
	};
	assert.equal(refused({ target: 'h1[' }), 'variants[0].data[2].target');
	assert.equal(refused({ target: ' ' }), 'variants[0].data[2].target');
	assert.equal(refused({ property: 'src', value: '' }), 'variants[0].data[2].src');
	assert.equal(refused({ pageOnly: true, pageUrl: '' }), 'variants[0].data[2].pageUrl');
	assert.equal(refused({ pageOnly: true, pageUrl: 'javascript:alert(1)' }), 'variants[0].data[2].pageUrl');
	assert.equal(refused({ kind: 'insert', refEl: 'h1', dir: 'a', htmlBlock: '' }), 'variants[0].data[2].htmlBlock');
	assert.equal(refused({ kind: 'move', oriEl: '.a', refEl: '', dir: 'a' }), 'variants[0].data[2].refEl');
	assert.equal(refused({ kind: 'json', json: '[1]' }), 'variants[0].data[2]');
	assert.equal(refused({ kind: 'json', json: '{"target": ' }), 'variants[0].data[2]');
	assert.equal(refused({ value: '' }), null, 'emptying a text is a change');
});

test('a split test is recognised by its type, or by every treatment redirecting', () => {
	assert.deepEqual(redirectOf([{ url: 'https://example.com/b', relay_param: true }]),
		{ url: 'https://example.com/b', relay_param: true });
	assert.equal(redirectOf([{ target: 'h1', innerText: 'x' }]), null);
	assert.equal(isSplit({ test_type: 'split', variants: [] }), true);
	assert.equal(isSplit({ test_type: 'abtest', variants: [{}, { data: [{ url: 'https://example.com/b' }] }] }), false);
	assert.equal(isSplit({ variants: [{ data: [] }, { data: [{ url: 'https://example.com/b' }] }] }), true);
	assert.equal(isSplit({ variants: [{ data: [] }, { data: [] }] }), false);
	assert.equal(isSplit(null), false);
});

/** The editor for a new experiment, with an API that records what it is sent. */
async function newEditor() {
	const calls = [];
	const api = async (method, path, body) => {
		calls.push({ method, path, body });
		if (path.startsWith('/goals')) return { goals: [] };
		if (path === '/create-experiment') return { test_id: 42 };
		throw new Error(`unexpected ${method} ${path}`);
	};
	await openEditor(null, api, () => true);
	const form = document.getElementById('editor-form');
	const control = (path) => form.querySelector(`[data-field="${path}"]`);
	const submit = async () => {
		form.dispatchEvent(new window.Event('submit', { cancelable: true }));
		for (let i = 0; i < 5; i++) await settle();
	};
	return { calls, form, control, submit };
}

test('a split URL test is created with each treatment\'s redirect in data[0]', async () => {
	const { calls, control, submit } = await newEditor();
	control('test_name').value = 'Pricing page B';
	const type = control('test_type');
	type.value = 'split';
	type.dispatchEvent(new window.Event('change'));
	assert.equal(control('variants[0].data[0].url').closest('.redirect').hidden, false);
	assert.equal(control('variants[0].customCSS').closest('.arm-code').hidden, true);

	await submit();
	assert.equal(calls.filter((call) => call.method === 'POST').length, 0, 'nothing sent without the editor page');
	assert.equal(document.activeElement, control('url'));
	control('url').value = 'https://example.com/pricing';
	await submit();
	assert.equal(document.activeElement, control('variants[0].data[0].url'));
	assert.match(control('variants[0].data[0].url').closest('.field').querySelector('.field-error').textContent,
		/'variants\[0\]\.data\[0\]\.url' needs an address/);
	control('variants[0].data[0].url').value = 'https://example.com/pricing-b';
	control('variants[0].data[0].relay_param').checked = false;
	await submit();
	const created = calls.find((call) => call.path === '/create-experiment');
	assert.ok(created, 'created');
	assert.equal(created.body.test_type, 'split');
	assert.equal(created.body.url, 'https://example.com/pricing');
	assert.deepEqual(created.body.variants, [{ data: [{ url: 'https://example.com/pricing-b', relay_param: false }] }]);
	assert.equal(location.hash, '#experiment/42');
});

test('an A/B test is created with its page changes and no test type', async () => {
	const { calls, form, control, submit } = await newEditor();
	control('test_name').value = 'Headline';
	[...form.querySelectorAll('button')].find((button) => button.textContent === 'Add a page change').click();
	control('variants[0].data[0].target').value = 'h1';
	control('variants[0].data[0].innerText').value = 'Try it free';
	await submit();
	const created = calls.find((call) => call.path === '/create-experiment');
	assert.equal(created.body.test_type, undefined);
	assert.deepEqual(created.body.variants[0].data, [{ target: 'h1', innerText: 'Try it free' }]);
	assert.equal(created.body.variants[0].customCSS, '');
});
