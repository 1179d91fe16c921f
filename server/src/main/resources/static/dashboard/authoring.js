// Creating and editing an experiment: everything Create and Update Experiment take (docs/api.md §3,
// docs/snippet.md for page rules and targeting). The form is built from the experiment's details;
// a field the API blames gets the error next to it.

import { ApiError } from './api.js';
import { changesEditor, isSplit, redirectEditor } from './changes.js';
import { busy, codeEditor, field, h } from './ui.js';
import { goalPicker } from './goals.js';

const MAX_TREATMENTS = 20;
const RULES = { simple: 'Same page', exact: 'Exact address', contain: 'Address contains', regex: 'Regular expression' };
const DEVICES = ['desktop', 'mobile', 'tablet'];
const BROWSERS = ['chrome', 'safari', 'firefox', 'edge', 'ie', 'opera'];
const SYSTEMS = ['windows', 'macOS', 'linux', 'chromeOS', 'ios', 'android'];
// The targeting rules the form has controls for; any other rule is kept in the JSON box.
const FORM_RULES = ['device_rule', 'browser_rule', 'os_rule', 'user_rule', 'browser_language_rule', 'allowed_country'];

/**
 * Fills the editor section for a new experiment (testId null) or an existing one. `api` calls the
 * API with the session's keys; `isCurrent` tells whether this view is still the one shown.
 */
export async function openEditor(testId, api, isCurrent) {
  const section = document.getElementById('editor');
  const title = document.getElementById('editor-title');
  const form = document.getElementById('editor-form');
  title.textContent = testId ? 'Edit experiment' : 'New experiment';
  document.title = `${title.textContent} · Uplift`;
  form.replaceChildren(h('p', { className: 'skeleton-line' }), h('p', { className: 'skeleton-line short' }));
  section.setAttribute('aria-busy', 'true');
  const [goals, details] = await Promise.all([
    api('GET', '/goals?limit=500'),
    testId ? api('GET', `/experiment/${testId}`) : Promise.resolve(null),
  ]);
  if (!isCurrent()) return;
  section.removeAttribute('aria-busy');
  const experiment = details ? details.experiment : null;
  const editor = build(experiment, goals.goals, api);
  form.replaceChildren(...editor.nodes);
  form.onsubmit = (event) => {
    event.preventDefault();
    const button = event.submitter || form.querySelector('button[type=submit]');
    busy(button, form, async () => {
      const body = editor.body();
      if (experiment) {
        await api('PATCH', `/experiment/${experiment.test_id}`, body);
        location.hash = `#experiment/${experiment.test_id}`;
      } else {
        const created = await api('POST', '/create-experiment', body);
        location.hash = `#experiment/${created.test_id}`;
      }
    });
  };
  form.querySelector('input').focus();
}

function build(experiment, goals, api) {
  const editing = experiment !== null;
  const config = editing ? experiment.configuration : {};
  const name = h('input', { required: true, maxLength: 500, value: editing ? experiment.test_name : '', dataset: { field: 'test_name' } });
  const key = h('input', {
    maxLength: 100, pattern: '[a-z0-9_\\-]*[a-z_\\-][a-z0-9_\\-]*', value: editing ? experiment.experiment_key : '',
    disabled: editing, placeholder: 'the test id', dataset: { field: 'experiment_key' },
  });
  const url = h('input', { type: 'url', value: editing ? experiment.url || '' : '', placeholder: 'https://example.com/pricing', dataset: { field: 'url' } });
  // The type is chosen when the experiment is created; a split test sends each treatment elsewhere.
  const split = isSplit(experiment);
  const type = h('select', { disabled: editing, dataset: { field: 'test_type' } },
    h('option', { value: 'abtest', selected: !split }, 'A/B test: treatments change the same page'),
    h('option', { value: 'split', selected: split }, 'Split URL: each treatment redirects to its own address'));
  const pages = pageRules(editing ? experiment.page_urls : []);
  const arms = armList(experiment, split);
  type.addEventListener('change', () => arms.setSplit(type.value === 'split'));
  const sharedCss = codeEditor({ value: editing ? experiment.custom_css || '' : '', dataset: { field: 'custom_css' } });
  const sharedJs = codeEditor({ value: editing ? experiment.custom_js || '' : '', dataset: { field: 'custom_js' } });
  const traffic = h('input', {
    type: 'number', min: 0, max: 100, step: 'any', required: true,
    value: editing ? config.traffic_allocation : 100, dataset: { field: 'configuration.traffic_allocation' },
  });
  const audience = targeting(editing ? experiment.targeting : {});
  const stats = statistics(config, editing);
  const timing = schedule(config);
  const goalsPart = goalPicker(goals, experiment, api);

  const nodes = [
    h('fieldset', {}, h('legend', {}, 'Experiment'),
      field('Name', name),
      field('Type', type, editing ? 'The type cannot change once created.'
        : 'A split URL test needs the editor page URL below: Control stays there.'),
      field('Experiment key', key, editing ? 'Server-side SDKs name it by this key; it cannot change.'
        : 'Optional: what server-side SDKs name it by (a-z, 0-9, _ and -). By default its test id.'),
      field('Editor page URL', url, 'The page that preview links open: one concrete address.')),
    h('fieldset', {}, h('legend', {}, 'Pages it runs on'),
      h('p', { className: 'hint small' }, 'No rule: every page with the snippet. An exclusion wins over the other rules.'),
      pages.node),
    h('fieldset', {}, h('legend', {}, 'Variants and traffic'),
      h('p', { className: 'hint small' }, 'CSS is applied at once; JavaScript runs when the page is ready. '
        + 'Weights split the included visitors between the arms.'),
      arms.node,
      h('details', { open: Boolean(editing && (experiment.custom_css || experiment.custom_js)) },
        h('summary', {}, 'Code for every arm, Control included'),
        field('CSS for every arm', sharedCss), field('JavaScript for every arm', sharedJs)),
      field('Traffic allocation (% of visitors included)', traffic)),
    h('fieldset', {}, h('legend', {}, 'Audience'), audience.nodes),
    h('fieldset', {}, h('legend', {}, 'Goals'), goalsPart.nodes),
    h('fieldset', {}, h('legend', {}, 'Statistics'), stats.nodes),
    h('fieldset', {}, h('legend', {}, 'Schedule and stop rules'), timing.nodes),
    h('div', { className: 'actions' },
      h('button', { type: 'submit' }, editing ? 'Save changes' : 'Create experiment'),
      h('a', { className: 'button quiet', href: editing ? `#experiment/${experiment.test_id}` : '#experiments' }, 'Cancel')),
  ];

  function body() {
    if (type.value === 'split' && !url.value.trim()) {
      throw new ApiError("'url' is needed for a split URL test: the page Control stays on, which treatments redirect from");
    }
    const configuration = { traffic_allocation: number(traffic), weights: arms.weights(), ...stats.values(), ...timing.values() };
    const result = {
      test_name: name.value.trim(),
      page_urls: pages.values(),
      control: arms.control(),
      variants: arms.treatments(),
      custom_css: sharedCss.value,
      custom_js: sharedJs.value,
      configuration,
      targeting: audience.values(),
      ...goalsPart.values(),
    };
    if (url.value.trim()) result.url = url.value.trim();
    if (!editing && key.value.trim()) result.experiment_key = key.value.trim();
    if (!editing && type.value === 'split') result.test_type = 'split';
    return result;
  }
  return { nodes, body };
}

// ---- page rules ------------------------------------------------------------------------------

function pageRules(initial) {
  const list = h('ol', { className: 'rows', dataset: { field: 'page_urls' }, tabIndex: -1 });
  const add = h('button', { type: 'button', className: 'quiet', on: { click: () => addRule({}).querySelector('input').focus() } },
    'Add a page rule');
  function addRule(rule) {
    const row = h('li', { className: 'row' });
    const address = h('input', { value: rule.url || '', required: true, placeholder: '/pricing or https://example.com/pricing',
      attrs: { 'aria-label': 'Address or pattern' } });
    const kind = h('select', { attrs: { 'aria-label': 'Rule' } },
      Object.entries(RULES).map(([value, label]) => h('option', { value, selected: value === (rule.rule || 'simple') }, label)));
    const exclude = h('input', { type: 'checkbox', checked: rule.allowed === false });
    const excludeLabel = h('label', { className: 'inline' }, exclude, ' Exclude');
    const remove = h('button', { type: 'button', className: 'quiet', on: { click: () => { row.remove(); renumber(); } } }, 'Remove');
    row.append(address, kind, excludeLabel, remove);
    list.append(row);
    renumber();
    return row;
  }
  function renumber() {
    [...list.children].forEach((row, index) => {
      const [address, kind] = row.querySelectorAll('input, select');
      address.dataset.field = `page_urls[${index}].url`;
      kind.dataset.field = `page_urls[${index}].rule`;
    });
  }
  for (const rule of initial || []) addRule(typeof rule === 'string' ? { url: rule } : rule);
  return {
    node: h('div', {}, list, add),
    values: () => [...list.children].map((row) => {
      const [address, kind, exclude] = row.querySelectorAll('input, select');
      const rule = { url: address.value.trim(), rule: kind.value };
      if (exclude.checked) rule.allowed = false;
      return rule;
    }),
  };
}

// ---- arms ------------------------------------------------------------------------------------

function armList(experiment, initiallySplit) {
  let split = initiallySplit;
  const variants = experiment ? experiment.variants : [{ variant_id: 0, name: 'Control' }, { variant_id: 1, name: 'Variant 1' }];
  // Arms can be added or removed only while the experiment is a draft without data (the API says
  // so with a 409 otherwise); the buttons say it first.
  const fixed = experiment !== null && experiment.status !== 9;
  const list = h('ol', { className: 'arms' });
  const add = h('button', { type: 'button', className: 'quiet', disabled: fixed, on: { click: () => addArm({}, true) } },
    'Add a treatment');
  function addArm(variant, focus) {
    const row = h('li', { className: 'arm' });
    const heading = h('h3');
    const nickname = h('input', { maxLength: 200, value: variant.nickname || '', placeholder: 'e.g. Green button' });
    const weight = h('input', { type: 'number', min: 0, step: 'any', required: true, value: variant.weight ?? 1, className: 'weight' });
    const css = codeEditor({ value: variant.customCSS || '', placeholder: '.cta-button { background: #16a34a; }' });
    const js = codeEditor({ value: variant.customJS || '', placeholder: "document.querySelector('h1').textContent = 'New headline';" });
    const remove = h('button', { type: 'button', className: 'quiet', disabled: fixed,
      on: { click: () => { row.remove(); renumber(); } } }, 'Remove');
    const code = h('div', { className: 'arm-code' }, field('CSS', css), field('JavaScript', js));
    row.append(heading, h('div', { className: 'arm-fields' }, field('Nickname', nickname), field('Weight', weight)), code);
    if (list.children.length > 0) {
      // Treatments only: Control's changes are kept as they are.
      row.changes = changesEditor(variant.data);
      row.redirect = redirectEditor(split ? variant.data : null);
      code.append(row.changes.node);
      row.append(row.redirect.node, remove);
      showMode(row);
    }
    list.append(row);
    renumber();
    if (focus) nickname.focus();
  }
  function renumber() {
    const rows = [...list.children];
    rows.forEach((row, index) => {
      const [nickname, weight] = row.querySelectorAll('input');
      const [css, js] = row.querySelectorAll('textarea');
      const path = index === 0 ? 'control' : `variants[${index - 1}]`;
      row.querySelector('h3').textContent = index === 0 ? 'Control' : `Variant ${index}`;
      row.dataset.arm = String(index);
      nickname.dataset.field = `${path}.nickname`;
      css.dataset.field = `${path}.customCSS`;
      js.dataset.field = `${path}.customJS`;
      weight.dataset.field = index === 0 ? 'configuration.weights' : `configuration.weights[${index}]`;
      weight.setAttribute('aria-label', `Weight of ${index === 0 ? 'Control' : `Variant ${index}`}`);
      if (row.changes) {
        row.changes.setPath(`${path}.data`);
        row.redirect.setPath(`${path}.data`);
      }
    });
    add.disabled = fixed || rows.length > MAX_TREATMENTS;
  }
  const weights = experiment ? experiment.configuration.weights : [];
  variants.forEach((variant, index) => addArm({ ...variant, weight: weights[index] ?? 1 }, false));
  /** A split test's treatment shows its redirect; an A/B test's its code and page changes. */
  function showMode(row) {
    row.querySelector('.arm-code').hidden = split;
    row.redirect.node.hidden = !split;
  }
  const arm = (row) => {
    const [nickname] = row.querySelectorAll('input');
    const [css, js] = row.querySelectorAll('textarea');
    const code = { customCSS: css.value, customJS: js.value };
    if (nickname.value.trim()) code.nickname = nickname.value.trim();
    return code;
  };
  return {
    node: h('div', {}, list, add),
    control: () => arm(list.children[0]),
    treatments: () => [...list.children].slice(1).map((row, index) => {
      const path = `variants[${index}].data`;
      if (!split) return { ...arm(row), data: row.changes.values() };
      const [nickname] = row.querySelectorAll('input');
      const treatment = { data: [row.redirect.value(path)] };
      if (nickname.value.trim()) treatment.nickname = nickname.value.trim();
      return treatment;
    }),
    setSplit(value) {
      split = value;
      [...list.children].slice(1).forEach(showMode);
    },
    weights: () => [...list.querySelectorAll('input.weight')].map(number),
  };
}

// ---- audience --------------------------------------------------------------------------------

function targeting(current) {
  const rules = current || {};
  const devices = choices('Devices', 'targeting.device_rule', DEVICES, rules.device_rule);
  const browsers = choices('Browsers', 'targeting.browser_rule', BROWSERS, rules.browser_rule);
  const systems = choices('Operating systems', 'targeting.os_rule', SYSTEMS, rules.os_rule);
  const user = h('select', { dataset: { field: 'targeting.user_rule' } },
    [['', 'New and returning'], ['new', 'New visitors only'], ['returning', 'Returning visitors only']]
      .map(([value, label]) => h('option', { value, selected: (rules.user_rule || '') === value }, label)));
  const languages = h('input', { value: (rules.browser_language_rule || []).join(', '), placeholder: 'e.g. en, pt-BR',
    dataset: { field: 'targeting.browser_language_rule' } });
  const countries = rules.allowed_country || [];
  const codes = (rule) => countries.filter((entry) => (entry.rule || 'whitelist') === rule).map((entry) => entry.code).join(', ');
  const included = h('input', { value: codes('whitelist'), placeholder: 'e.g. US, CA', dataset: { field: 'targeting.allowed_country' } });
  const excluded = h('input', { value: codes('blacklist'), placeholder: 'e.g. FR' });
  const others = Object.fromEntries(Object.entries(rules).filter(([name]) => !FORM_RULES.includes(name)));
  const advanced = codeEditor({ value: Object.keys(others).length ? JSON.stringify(others, null, 2) : '',
    placeholder: '{"parameter_rule": [[{"criteria": "plan", "operator": "==", "value": "pro"}]]}', dataset: { field: 'targeting' } });
  const nodes = [
    h('p', { className: 'hint small' }, 'Nothing ticked: everyone. Visitors outside the audience see the original page and are not counted.'),
    devices.node, browsers.node, systems.node,
    field('Visitors', user),
    field('Browser languages', languages, 'Comma-separated codes; "en" takes every English region.'),
    field('Only these countries', included, 'Two-letter codes, comma-separated; needs the server\'s country header.'),
    field('Not these countries', excluded),
    h('details', { open: Object.keys(others).length > 0 }, h('summary', {}, 'More rules (query parameters, cookies, schedule) as JSON'),
      field('Other targeting rules', advanced, 'An object of parameter_rule, cookie_rule and schedule_rule, as in docs/snippet.md.')),
  ];
  function values() {
    const chosen = {};
    let extra = {};
    if (advanced.value.trim()) {
      try {
        extra = JSON.parse(advanced.value);
      } catch (error) {
        throw new ApiError(`'targeting' is not JSON: ${error.message}`);
      }
    }
    Object.assign(chosen, extra);
    chosen.device_rule = devices.values();
    chosen.browser_rule = browsers.values();
    chosen.os_rule = systems.values();
    if (user.value) chosen.user_rule = user.value;
    chosen.browser_language_rule = list(languages.value);
    chosen.allowed_country = [
      ...list(included.value).map((code) => ({ code, rule: 'whitelist' })),
      ...list(excluded.value).map((code) => ({ code, rule: 'blacklist' })),
    ];
    return chosen;
  }
  return { nodes, values };
}

function choices(legend, path, options, chosen) {
  const picked = new Set(chosen || []);
  const boxes = options.map((option) => h('input', { type: 'checkbox', value: option, checked: picked.has(option) }));
  boxes[0].dataset.field = path;
  return {
    node: h('fieldset', { className: 'choices' }, h('legend', {}, legend),
      boxes.map((box) => h('label', { className: 'inline' }, box, ` ${box.value}`))),
    values: () => boxes.filter((box) => box.checked).map((box) => box.value),
  };
}

// ---- statistics ------------------------------------------------------------------------------

function statistics(config, editing) {
  const engine = h('select', { dataset: { field: 'configuration.bayesian' } },
    h('option', { value: '1', selected: !editing || config.bayesian === 1 }, 'Bayesian: chance to beat Control'),
    h('option', { value: '0', selected: editing && config.bayesian === 0 }, 'Frequentist: p-value'));
  const sequential = h('input', { type: 'checkbox', checked: !editing || config.sequential === 1, dataset: { field: 'configuration.sequential' } });
  const threshold = h('input', { type: 'number', min: 50, max: 99, step: 1, required: true,
    value: editing ? config.confidence_interval : 95, dataset: { field: 'confidence_interval' } });
  const priorMean = h('input', { type: 'number', step: 'any', value: editing ? config.prior_mean ?? '' : '', dataset: { field: 'prior_mean' } });
  const priorVariance = h('input', { type: 'number', step: 'any', min: 0, value: editing ? config.prior_variance ?? '' : '',
    dataset: { field: 'prior_variance' } });
  const nodes = [
    field('Engine', engine),
    h('label', { className: 'inline' }, sequential, ' Sequential (always-valid) frequentist intervals: safe to look every day'),
    field('Decision threshold (%)', threshold, 'Bayesian: the chance to beat Control that calls a winner; frequentist: the confidence level.'),
    h('details', { open: editing && config.prior_mean !== null && config.prior_mean !== undefined },
      h('summary', {}, 'Prior on the relative lift (Bayesian, optional)'),
      field('Prior mean', priorMean), field('Prior variance', priorVariance)),
  ];
  function values() {
    const chosen = { bayesian: Number(engine.value), sequential: sequential.checked ? 1 : 0, confidence_interval: number(threshold) };
    if (priorMean.value !== '' || priorVariance.value !== '') {
      chosen.prior_mean = number(priorMean);
      chosen.prior_variance = number(priorVariance);
    }
    return chosen;
  }
  return { nodes, values };
}

// ---- schedule --------------------------------------------------------------------------------

/**
 * Start and end dates and the completion rules (docs/schedules.md). Only what the user changes is
 * sent: the API refuses some unchanged values too (a start date of a live experiment, an end date
 * that has passed).
 */
function schedule(config) {
  const start = h('input', { type: 'datetime-local', value: local(config.start_test_date), dataset: { field: 'configuration.start_test_date' } });
  const end = h('input', { type: 'datetime-local', value: local(config.end_test_date), dataset: { field: 'configuration.end_test_date' } });
  const count = (value, field) => h('input', { type: 'number', min: 0, step: 1, value: value ?? 0, dataset: { field: `configuration.${field}` } });
  const visitors = count(config.completion_visitor, 'completion_visitor');
  const conversions = count(config.completion_conversion, 'completion_conversion');
  const days = count(config.completion_after_period, 'completion_after_period');
  const decided = h('input', { type: 'checkbox', checked: config.completion_stats_significant_flag === 1,
    dataset: { field: 'configuration.completion_stats_significant_flag' } });
  const nodes = [
    h('p', { className: 'hint small' }, 'Times are in this browser\'s time zone. 0 turns a rule off.'),
    field('Start by itself at (a draft goes live)', start), field('Conclude by itself at', end),
    field('Conclude after this many visitors', visitors), field('Conclude after this many conversions', conversions),
    field('Conclude this many days after it first went live', days),
    h('label', { className: 'inline' }, decided, ' Conclude once its engine decides a treatment, winner or loser'),
  ];
  const initial = new Map();
  const read = () => ({
    start_test_date: start.value ? new Date(start.value).toISOString() : null,
    end_test_date: end.value ? new Date(end.value).toISOString() : null,
    completion_visitor: number(visitors) ?? 0,
    completion_conversion: number(conversions) ?? 0,
    completion_after_period: number(days) ?? 0,
    completion_stats_significant_flag: decided.checked ? 1 : 0,
  });
  Object.entries(read()).forEach(([name, value]) => initial.set(name, value));
  return {
    nodes,
    values: () => Object.fromEntries(Object.entries(read()).filter(([name, value]) => initial.get(name) !== value)),
  };
}

/** An ISO instant as a datetime-local value in this browser's zone, or ''. */
function local(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

// ---- values ----------------------------------------------------------------------------------

function number(input) {
  return input.value === '' ? null : Number(input.value);
}

function list(text) {
  return text.split(',').map((part) => part.trim()).filter(Boolean);
}
