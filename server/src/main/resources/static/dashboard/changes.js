// A treatment's page changes (its `data`, docs/mida-v2-api.md §3.3) and a split test's redirect
// (`data[0] = {url, relay_param}`): read from Mida's shape into the form, checked in the form with the
// error next to its control, and written back in Mida's shape. A change the form has no controls for
// is kept as JSON, so that an edit never loses one.

import { ApiError } from './api.js';
import { codeEditor, field, h } from './ui.js';

export const KINDS = {
  modify: 'Change an element', hide: 'Hide an element', remove: 'Remove an element', insert: 'Insert HTML',
  move: 'Move an element', json: 'Other (JSON)',
};
/** What a "change an element" entry may set, as the browser script applies it. */
export const PROPERTIES = {
  innerText: 'Text', textContent: 'Text content', innerHTML: 'Inner HTML', outerHTML: 'Whole element (HTML)',
  src: 'Source (src)', href: 'Link (href)', style: 'Inline style', class: 'Class',
};
const INSERT_AT = { a: 'After it', b: 'Before it', p: 'Inside it, first' };
const MOVE_TO = { a: 'After it', b: 'Before it' };
const HIDDEN = 'display: none;';
const SCOPE = ['sitewide', 'pageUrl'];

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const isText = (value) => typeof value === 'string';
const only = (change, keys) => Object.keys(change).every((key) => keys.includes(key));

/** How the form shows a change: one of KINDS, 'json' for any shape it has no controls for. */
export function kindOf(change) {
  if (!isObject(change)) return 'json';
  const scoped = change.sitewide === undefined ? change.pageUrl === undefined
    : (change.sitewide === true && change.pageUrl === undefined) || (change.sitewide === false && isText(change.pageUrl));
  if (!scoped) return 'json';
  if ('rm' in change) return isText(change.rm) && only(change, ['rm', ...SCOPE]) ? 'remove' : 'json';
  if ('oriEl' in change) {
    return isText(change.oriEl) && isText(change.refEl) && change.dir in MOVE_TO
      && only(change, ['oriEl', 'refEl', 'dir', ...SCOPE]) ? 'move' : 'json';
  }
  if ('refEl' in change) {
    return isText(change.refEl) && change.dir in INSERT_AT && isText(change.htmlBlock)
      && only(change, ['refEl', 'dir', 'htmlBlock', ...SCOPE]) ? 'insert' : 'json';
  }
  if ('target' in change && isText(change.target) && only(change, ['target', ...SCOPE, ...Object.keys(PROPERTIES)])) {
    const set = Object.keys(PROPERTIES).filter((property) => property in change);
    if (set.length !== 1 || !isText(change[set[0]])) return 'json';
    return set[0] === 'style' && change.style.trim() === HIDDEN ? 'hide' : 'modify';
  }
  return 'json';
}

/** The split test's redirect of a treatment's data, or null when its data is not one. */
export function redirectOf(data) {
  const first = Array.isArray(data) && data.length === 1 ? data[0] : null;
  return isObject(first) && isText(first.url) && only(first, ['url', 'relay_param']) ? first : null;
}

/** Whether an experiment of Get Experiment Details is a split URL test. */
export function isSplit(experiment) {
  if (!experiment) return false;
  if (experiment.test_type) return experiment.test_type === 'split';
  const treatments = (experiment.variants || []).slice(1);
  return treatments.length > 0 && treatments.every((variant) => redirectOf(variant.data) !== null);
}

// ---- checks ----------------------------------------------------------------------------------

const fail = (path, message) => { throw new ApiError(`'${path}' ${message}`); };

function checkSelector(value, path) {
  if (!value.trim()) fail(path, 'needs a CSS selector, e.g. h1 or .cta-button');
  try {
    document.createDocumentFragment().querySelector(value);
  } catch {
    fail(path, `is not a valid CSS selector: ${value}`);
  }
}

/** An absolute http(s) address, or a path of this site when paths are allowed. */
function checkAddress(value, path, { paths }) {
  const text = value.trim();
  if (!text) fail(path, paths ? 'needs the page: an address or a path such as /pricing' : 'needs an address');
  if (paths && text.startsWith('/') && !text.startsWith('//')) return;
  let url = null;
  try {
    url = new URL(text);
  } catch {
    // Reported below.
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    fail(path, `must be an absolute http(s) address${paths ? ' or a path such as /pricing' : ''}, e.g. https://example.com/b`);
  }
}

/**
 * A change as sent, from what its controls hold ({kind, ...values}); throws an ApiError naming the
 * control's path when it cannot work.
 */
export function changeFrom(entry, path) {
  let change;
  switch (entry.kind) {
    case 'modify':
      checkSelector(entry.target, `${path}.target`);
      if (!(entry.property in PROPERTIES)) fail(`${path}.property`, 'must be one of the listed properties');
      if ((entry.property === 'src' || entry.property === 'href') && !entry.value.trim()) {
        fail(`${path}.${entry.property}`, 'needs the new address');
      }
      change = { target: entry.target.trim(), [entry.property]: entry.value };
      break;
    case 'hide':
      checkSelector(entry.target, `${path}.target`);
      change = { target: entry.target.trim(), style: HIDDEN };
      break;
    case 'remove':
      checkSelector(entry.rm, `${path}.rm`);
      change = { rm: entry.rm.trim() };
      break;
    case 'insert':
      checkSelector(entry.refEl, `${path}.refEl`);
      if (!(entry.dir in INSERT_AT)) fail(`${path}.dir`, 'must be after, before or inside');
      if (!entry.htmlBlock.trim()) fail(`${path}.htmlBlock`, 'needs the HTML to insert');
      change = { refEl: entry.refEl.trim(), dir: entry.dir, htmlBlock: entry.htmlBlock };
      break;
    case 'move':
      checkSelector(entry.oriEl, `${path}.oriEl`);
      checkSelector(entry.refEl, `${path}.refEl`);
      if (!(entry.dir in MOVE_TO)) fail(`${path}.dir`, 'must be after or before');
      change = { oriEl: entry.oriEl.trim(), refEl: entry.refEl.trim(), dir: entry.dir };
      break;
    default: {
      try {
        change = JSON.parse(entry.json);
      } catch (error) {
        fail(path, `is not JSON: ${error.message}`);
      }
      if (!isObject(change)) fail(path, 'must be a JSON object, e.g. {"target": "h1", "innerText": "Hello"}');
      return change;
    }
  }
  if (entry.pageOnly) {
    checkAddress(entry.pageUrl, `${path}.pageUrl`, { paths: true });
    change.sitewide = false;
    change.pageUrl = entry.pageUrl.trim();
  }
  return change;
}

/** The redirect of a split test's treatment as sent: data[0] = {url, relay_param}. */
export function redirectFrom(entry, path) {
  checkAddress(entry.url, `${path}.url`, { paths: false });
  return { url: entry.url.trim(), relay_param: Boolean(entry.relayParam) };
}

// ---- controls --------------------------------------------------------------------------------

const options = (choices, chosen) => Object.entries(choices)
  .map(([value, label]) => h('option', { value, selected: value === chosen }, label));

/**
 * The list of a treatment's page changes, to add, edit and remove. `setPath` names the treatment's
 * data ('variants[0].data'), which changes when an arm before it is removed.
 */
export function changesEditor(initial) {
  const list = h('ol', { className: 'changes' });
  let path = 'data';
  const add = h('button', { type: 'button', className: 'quiet', on: { click: () => addChange(null, true) } },
    'Add a page change');
  const count = h('span', { className: 'hint small' });

  function addChange(change, focus) {
    const kind = change ? kindOf(change) : 'modify';
    const row = h('li', { className: 'change' });
    const select = h('select', { className: 'change-kind' }, options(KINDS, kind));
    const body = h('div', { className: 'change-fields' });
    const remove = h('button', { type: 'button', className: 'quiet', on: { click: () => {
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber();
      (next ? next.querySelector('select') : add).focus();
    } } }, 'Remove change');
    row.append(h('div', { className: 'change-head' }, field('Change', select)), body, remove);
    row.entry = () => readRow(row);
    select.addEventListener('change', () => {
      const current = readRow(row);
      fill(body, { ...current, kind: select.value });
      renumber();
    });
    fill(body, entryOf(change, kind));
    list.append(row);
    renumber();
    if (focus) select.focus();
  }

  function renumber() {
    [...list.children].forEach((row, index) => {
      const base = `${path}[${index}]`;
      const kind = row.querySelector('.change-kind');
      kind.dataset.field = `${base}.kind`;
      for (const control of row.querySelectorAll('[data-key]')) {
        const key = control.dataset.key === 'value' ? row.querySelector('[data-key=property]').value : control.dataset.key;
        control.dataset.field = key === 'json' ? base : `${base}.${key}`;
      }
      row.querySelector('.change-head label').textContent = `Change ${index + 1}`;
    });
    count.textContent = list.children.length === 0 ? ' None: the page stays as it is, apart from its CSS and JavaScript.'
      : ` ${list.children.length} ${list.children.length === 1 ? 'change' : 'changes'}, applied in this order.`;
  }

  // A property picked anew names the value's path ('.innerText', '.src').
  list.addEventListener('renumber', renumber);
  for (const change of Array.isArray(initial) ? initial : []) addChange(change, false);
  renumber();
  const node = h('fieldset', { className: 'changes-editor' },
    h('legend', {}, 'Page changes'), h('p', { className: 'hint small' },
      'What the visual editor would do, applied when the page is ready: an element is found by a CSS selector.', count),
    list, add);
  return {
    node,
    setPath(next) {
      path = next;
      renumber();
    },
    values: () => [...list.children].map((row, index) => changeFrom(row.entry(), `${path}[${index}]`)),
  };
}

/** What a change's controls start with. */
function entryOf(change, kind) {
  const entry = {
    kind, target: '', property: 'innerText', value: '', rm: '', refEl: '', oriEl: '', dir: 'a', htmlBlock: '',
    pageOnly: false, pageUrl: '', json: change && kind === 'json' ? JSON.stringify(change, null, 2) : '',
  };
  if (!change || kind === 'json') return entry;
  Object.assign(entry, change);
  if (kind === 'modify') {
    entry.property = Object.keys(PROPERTIES).find((property) => property in change);
    entry.value = change[entry.property];
  }
  entry.pageOnly = change.sitewide === false;
  entry.pageUrl = change.pageUrl || '';
  return entry;
}

/** Rebuilds a change's controls for its kind, with the values it holds. */
function fill(body, entry) {
  const text = (key, label, placeholder) => field(label, h('input', { value: entry[key] || '', placeholder,
    spellcheck: false, dataset: { key } }));
  const controls = [];
  if (entry.kind === 'modify') {
    controls.push(text('target', 'Element (CSS selector)', 'h1, .cta-button'),
      field('Property', h('select', { dataset: { key: 'property' } }, options(PROPERTIES, entry.property))),
      field('New value', codeEditor({ rows: 2, value: entry.value || '', dataset: { key: 'value' } })));
  } else if (entry.kind === 'hide') {
    controls.push(text('target', 'Element to hide (CSS selector)', '.banner'));
  } else if (entry.kind === 'remove') {
    controls.push(text('rm', 'Element to remove (CSS selector)', '.banner'));
  } else if (entry.kind === 'insert') {
    controls.push(text('refEl', 'Next to this element (CSS selector)', 'h1'),
      field('Where', h('select', { dataset: { key: 'dir' } }, options(INSERT_AT, entry.dir))),
      field('HTML to insert', codeEditor({ rows: 3, value: entry.htmlBlock || '', dataset: { key: 'htmlBlock' },
        placeholder: '<p class="promo">Free shipping today</p>' })));
  } else if (entry.kind === 'move') {
    controls.push(text('oriEl', 'Element to move (CSS selector)', '.reviews'),
      text('refEl', 'Next to this element (CSS selector)', 'h1'),
      field('Where', h('select', { dataset: { key: 'dir' } }, options(MOVE_TO, entry.dir in MOVE_TO ? entry.dir : 'a'))));
  } else {
    controls.push(field('Change as JSON', codeEditor({ rows: 4, value: entry.json, dataset: { key: 'json' } }),
      'Kept as it is: a shape the form has no controls for.'));
  }
  if (entry.kind !== 'json') {
    const pageOnly = h('input', { type: 'checkbox', checked: entry.pageOnly, dataset: { key: 'sitewide' } });
    const page = h('input', { value: entry.pageUrl, placeholder: '/pricing or https://example.com/pricing',
      spellcheck: false, dataset: { key: 'pageUrl' } });
    const pageField = field('On this page only', page, 'Compared on the address without its query string.');
    pageField.hidden = !entry.pageOnly;
    pageOnly.addEventListener('change', () => {
      pageField.hidden = !pageOnly.checked;
      if (pageOnly.checked) page.focus();
    });
    controls.push(h('label', { className: 'inline' }, pageOnly, ' Only on one page, not on every page it runs on'), pageField);
  }
  body.replaceChildren(...controls);
  if (entry.kind === 'modify') {
    body.querySelector('[data-key=property]').addEventListener('change', () => {
      const row = body.closest('li');
      const list = row && row.parentElement;
      if (list) list.dispatchEvent(new Event('renumber'));
    });
  }
}

/** What a change's controls hold. */
function readRow(row) {
  const entry = { kind: row.querySelector('.change-kind').value };
  for (const control of row.querySelectorAll('[data-key]')) {
    entry[control.dataset.key === 'sitewide' ? 'pageOnly' : control.dataset.key] = control.type === 'checkbox'
      ? control.checked : control.value;
  }
  return { target: '', property: 'innerText', value: '', rm: '', refEl: '', oriEl: '', dir: 'a', htmlBlock: '',
    pageOnly: false, pageUrl: '', json: '', ...entry };
}

/** A split test treatment's redirect address and whether its query parameters are passed on. */
export function redirectEditor(initial) {
  const redirect = redirectOf(initial) || { url: '', relay_param: true };
  const url = h('input', { type: 'url', value: redirect.url, placeholder: 'https://example.com/pricing-b', spellcheck: false });
  const relay = h('input', { type: 'checkbox', checked: redirect.relay_param !== false });
  const node = h('div', { className: 'redirect' },
    field('Redirect to', url, 'Visitors of this treatment are sent to this address instead of the editor page.'),
    h('label', { className: 'inline' }, relay, ' Pass query parameters on (utm_source, ...)'));
  return {
    node,
    setPath(path) {
      url.dataset.field = `${path}[0].url`;
      relay.dataset.field = `${path}[0].relay_param`;
    },
    value: (path) => redirectFrom({ url: url.value, relayParam: relay.checked }, `${path}[0]`),
  };
}
