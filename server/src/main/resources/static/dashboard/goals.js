// Goals: picked for an experiment (primary and secondary), created inline, and managed for the
// project (docs/mida-v2-api.md §4.7: List, Create, Update and Delete Goal).

import { busy, field, h } from './ui.js';

export const GOAL_TYPES = {
  clickOnElement: 'Click on element (CSS selector)',
  clickOnText: 'Click on text',
  pageview: 'Page view (URL contains)',
  pageviewExact: 'Page view (exact URL)',
  pageviewWildcard: 'Page view (wildcard)',
  pageviewRegex: 'Page view (regular expression)',
  externalLink: 'External link (href contains)',
  formSubmit: 'Form submit (CSS selector)',
  elementAppears: 'Element appears (CSS selector)',
  scrolling: 'Scrolling (percent)',
  duration: 'Time on page (seconds)',
  event: 'Custom event (uplift.track name)',
  revenue: 'Revenue (event name)',
  script: 'Script (event name)',
};

/** The fields of one goal; `goal` fills them for an edit. */
function goalFields(goal = {}) {
  const name = h('input', { required: true, maxLength: 200, value: goal.goal_name || '', dataset: { field: 'goal_name' } });
  const type = h('select', { dataset: { field: 'goal_type' } }, Object.entries(GOAL_TYPES)
    .map(([value, label]) => h('option', { value, selected: value === (goal.goal_type || 'clickOnElement') }, label)));
  const value = h('input', { required: true, maxLength: 2000, value: goal.goal_value || '', placeholder: '.cta-button',
    dataset: { field: 'goal_value' } });
  const key = h('input', { maxLength: 100, value: goal.goal_key || '', placeholder: 'made from the name',
    dataset: { field: 'goal_key' } });
  return {
    nodes: [field('Goal name', name), field('Goal type', type), field('Goal value', value), field('Goal key (optional)', key)],
    focus: () => name.focus(),
    values: () => {
      const body = { goal_name: name.value.trim(), goal_type: type.value, goal_value: value.value.trim() };
      if (key.value.trim()) body.goal_key = key.value.trim();
      return body;
    },
  };
}

/**
 * The goals part of the experiment form: a primary goal and secondary goals from the project's
 * goals, and a small form that creates a goal at once and picks it.
 */
export function goalPicker(goals, experiment, api) {
  const primaryKey = experiment && experiment.primary_goal ? experiment.primary_goal.goal_key : '';
  const secondaryKeys = new Set(experiment ? (experiment.secondary_goals || []).map((goal) => goal.goal_key) : []);
  const primary = h('select', { dataset: { field: 'primary_goal_key' } }, h('option', { value: '' }, 'No primary goal'));
  const secondary = h('ul', { className: 'choices-list', dataset: { field: 'secondary_goal_keys' }, tabIndex: -1 });
  const addGoal = (goal, pick) => {
    primary.append(h('option', { value: goal.goal_key, selected: goal.goal_key === primaryKey || pick === 'primary' },
      `${goal.goal_name} (${goal.goal_key})`));
    secondary.append(h('li', {}, h('label', { className: 'inline' },
      h('input', { type: 'checkbox', value: goal.goal_key, checked: secondaryKeys.has(goal.goal_key) || pick === 'secondary' }),
      ` ${goal.goal_name}`)));
  };
  goals.forEach((goal) => addGoal(goal, null));

  const fresh = goalFields();
  const role = h('select', {}, h('option', { value: 'primary' }, 'as the primary goal'),
    h('option', { value: 'secondary' }, 'as a secondary goal'));
  const create = h('button', { type: 'button' }, 'Create goal');
  const panel = h('div', { className: 'inline-form', hidden: true }, fresh.nodes, field('Use it', role), create);
  const open = h('button', { type: 'button', className: 'quiet', attrs: { 'aria-expanded': 'false' } }, 'New goal…');
  open.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    open.setAttribute('aria-expanded', String(!panel.hidden));
    if (!panel.hidden) fresh.focus();
  });
  create.addEventListener('click', () => busy(create, panel, async () => {
    const body = fresh.values();
    const created = await api('POST', '/goal', body);
    addGoal({ ...body, goal_key: created.goal_key }, role.value);
    if (role.value === 'primary') primary.value = created.goal_key;
    panel.hidden = true;
    open.setAttribute('aria-expanded', 'false');
    for (const input of panel.querySelectorAll('input')) input.value = '';
    (role.value === 'primary' ? primary : secondary).focus();
  }));

  return {
    nodes: [field('Primary goal', primary, 'Conversions are counted for it unless the result asks for another.'),
      h('p', { className: 'label' }, 'Secondary goals'), secondary, open, panel],
    values: () => {
      const body = { secondary_goal_keys: [...secondary.querySelectorAll('input:checked')].map((box) => box.value)
        .filter((key) => key !== primary.value) };
      if (primary.value) body.primary_goal_key = primary.value;
      return body;
    },
  };
}

/** The project's goals: a table with edit and delete, and a form to create or edit one. */
export async function renderGoals(container, api, isCurrent) {
  const answer = await api('GET', '/goals?limit=500');
  if (!isCurrent()) return;
  const rows = answer.goals.map((goal) => h('tr', { dataset: { goalKey: goal.goal_key } },
    h('td', {}, goal.goal_name), h('td', {}, h('code', {}, goal.goal_key)), h('td', {}, GOAL_TYPES[goal.goal_type] || goal.goal_type),
    h('td', { className: 'wrap' }, goal.goal_value),
    h('td', { className: 'row-actions' },
      h('button', { type: 'button', className: 'quiet', on: { click: () => edit(goal) } }, 'Edit'),
      h('button', { type: 'button', className: 'danger', on: { click: (event) => remove(goal, event.currentTarget) } }, 'Delete'))));
  const form = h('form', { className: 'card', hidden: true });
  const table = answer.goals.length === 0 ? h('p', { className: 'hint' }, 'No goals yet.')
    : h('div', { className: 'scroll' }, h('table', {}, h('thead', {}, h('tr', {}, ['Name', 'Key', 'Type', 'Value', '']
      .map((label) => h('th', {}, label)))), h('tbody', {}, rows)));
  const add = h('button', { type: 'button', on: { click: () => edit(null) } }, 'New goal');
  container.replaceChildren(table, add, form);

  function edit(goal) {
    const fields = goalFields(goal || {});
    const submit = h('button', { type: 'submit' }, goal ? 'Save goal' : 'Create goal');
    const cancel = h('button', { type: 'button', className: 'quiet', on: { click: () => { form.hidden = true; } } }, 'Cancel');
    form.replaceChildren(h('h3', {}, goal ? `Edit ${goal.goal_name}` : 'New goal'),
      goal ? h('p', { className: 'hint small' }, 'A new type or value changes what running experiments count from now on.') : null,
      ...fields.nodes, h('div', { className: 'actions' }, submit, cancel));
    form.hidden = false;
    form.onsubmit = (event) => {
      event.preventDefault();
      busy(submit, form, async () => {
        if (goal) await api('PATCH', `/goal/${goal.goal_profile_id}`, fields.values());
        else await api('POST', '/goal', fields.values());
        await renderGoals(container, api, isCurrent);
      });
    };
    fields.focus();
  }

  async function remove(goal, button) {
    if (!window.confirm(`Delete the goal “${goal.goal_name}”? Experiments stop counting it; its data is kept.`)) return;
    await busy(button, container, async () => {
      await api('DELETE', `/goal/${goal.goal_profile_id}`);
      await renderGoals(container, api, isCurrent);
    });
  }
}
