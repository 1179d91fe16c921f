// Small DOM helpers for the authoring screens: elements built from properties (never from HTML),
// errors shown next to the control that caused them, and buttons that are busy while they act.

import { ApiError } from './api.js';

/** An element with these properties (dataset and attributes as objects) and children (nodes or text). */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'attrs') for (const [name, text] of Object.entries(value)) node.setAttribute(name, text);
    else if (key === 'on') for (const [type, listener] of Object.entries(value)) node.addEventListener(type, listener);
    else node[key] = value;
  }
  node.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

let fields = 0;

/** A label and its control, with an id so that the label names it. */
export function field(label, control, hint) {
  fields += 1;
  const id = control.id || `field-${fields}`;
  control.id = id;
  return h('div', { className: 'field' }, h('label', { htmlFor: id }, label), control,
    hint ? h('p', { className: 'hint small' }, hint) : null);
}

export function clearErrors(scope) {
  for (const message of scope.querySelectorAll('.field-error')) message.remove();
  for (const control of scope.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    control.removeAttribute('aria-describedby');
  }
}

/**
 * Shows an error next to the control it names (data-field holds the API's field path, the
 * closest enclosing path wins) and focuses that control; otherwise next to the fallback.
 */
export function showErrorIn(scope, error, fallback) {
  clearErrors(scope);
  const text = error instanceof ApiError ? error.message : `Unexpected error: ${error.message}`;
  const control = controlFor(scope, error.field) || fallback;
  const message = h('p', { className: 'field-error', id: `${control.id || 'form'}-error`, attrs: { role: 'alert' } }, text);
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', message.id);
  (control.closest('.field, li, fieldset') || control).append(message);
  control.focus();
  control.scrollIntoView({ block: 'center' });
}

function controlFor(scope, path) {
  for (let candidate = path; candidate; candidate = parentPath(candidate)) {
    const control = [...scope.querySelectorAll('[data-field]')].find((node) => node.dataset.field === candidate);
    if (control) return control;
  }
  return null;
}

/** 'a.b[2].c' → 'a.b[2]' → 'a.b' → 'a' → ''. */
function parentPath(path) {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut > 0 ? path.slice(0, cut) : '';
}

/** Runs an action of a button, disabled meanwhile; errors go next to their control in scope. */
export async function busy(button, scope, action) {
  button.disabled = true;
  clearErrors(scope);
  try {
    await action();
  } catch (error) {
    showErrorIn(scope, error, button);
  } finally {
    button.disabled = false;
  }
}

/** Copies the text; when the browser refuses the clipboard, selects it for the user to copy. */
export async function copy(text, node, button) {
  // The button's own label comes back afterwards, whatever it was ('Copy', 'Copy link').
  button.dataset.label ??= button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    getSelection().selectAllChildren(node);
    button.textContent = 'Selected: press Ctrl+C';
  }
  clearTimeout(button.labelTimer);
  button.labelTimer = setTimeout(() => { button.textContent = button.dataset.label; }, 2500);
}

/** Tab in a code editor indents instead of leaving it; Escape then Tab leaves it, for keyboard users. */
export function codeEditor(props) {
  const area = h('textarea', { className: 'code', spellcheck: false, rows: 5, ...props });
  let escaped = false;
  area.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { escaped = true; return; }
    if (event.key !== 'Tab' || event.shiftKey || escaped || event.ctrlKey || event.altKey) { escaped = false; return; }
    event.preventDefault();
    area.setRangeText('  ', area.selectionStart, area.selectionEnd, 'end');
  });
  area.addEventListener('blur', () => { escaped = false; });
  return area;
}

/** The value as an absolute http(s) URL, or null: only such URLs become links. */
export function safeHttpUrl(value) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
