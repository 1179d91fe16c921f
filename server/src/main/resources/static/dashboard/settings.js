// The project's page: the install snippet, project settings, goals, exclusion groups and API keys.

import { renderGoals } from './goals.js';
import { busy, copy, field, h } from './ui.js';

const STATUS_LABELS = { 9: 'draft', 1: 'live', 0: 'inactive' };

/** Fills the settings section; `api` calls the API with the session's keys. */
export async function openSettings(session, api, isCurrent) {
  document.title = 'Project settings · Uplift';
  renderSnippet(session.projectKey);
  const parts = [
    ['settings-project', renderProject],
    ['settings-configuration', renderConfiguration],
    ['settings-goals', renderGoals],
    ['settings-groups', renderGroups],
    ['settings-keys', renderKeys],
  ];
  for (const [id] of parts) {
    document.getElementById(id).replaceChildren(h('p', { className: 'skeleton-line' }), h('p', { className: 'skeleton-line short' }));
  }
  await Promise.all(parts.map(([id, render]) => render(document.getElementById(id), api, isCurrent)));
}

// ---- install ---------------------------------------------------------------------------------

/** The tag for every page's head (docs/snippet.md), with this server's address and the project key. */
function renderSnippet(projectKey) {
  const tag = `<script async src="${location.origin}/snippet.js?key=${encodeURIComponent(projectKey)}"></script>`;
  const code = document.getElementById('snippet-code');
  code.textContent = tag;
  const button = document.getElementById('snippet-copy');
  button.onclick = () => copy(tag, code, button);
}

// ---- project ---------------------------------------------------------------------------------

async function renderProject(container, api, isCurrent) {
  const { project } = await api('GET', '');
  if (!isCurrent()) return;
  const name = h('input', { required: true, maxLength: 200, value: project.website_name || '', dataset: { field: 'website_name' } });
  const allowed = h('input', { maxLength: 1000, value: project.allowed_website || '', placeholder: 'example.com or *',
    dataset: { field: 'allowed_website' } });
  const traffic = h('input', { type: 'number', min: 0, step: 1, value: project.monthly_average_traffic ?? 0,
    dataset: { field: 'monthly_average_traffic' } });
  const save = h('button', { type: 'submit' }, 'Save project');
  const saved = h('span', { className: 'hint', attrs: { role: 'status' } });
  const form = h('form', {}, field('Name', name), field('Allowed website', allowed),
    field('Monthly visitors (for planning)', traffic),
    h('p', { className: 'hint small' }, `Project key ${project.project_key}`),
    h('div', { className: 'actions' }, save, saved));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saved.textContent = '';
    busy(save, form, async () => {
      await api('PATCH', '', { website_name: name.value.trim(), allowed_website: allowed.value.trim(),
        monthly_average_traffic: Number(traffic.value || 0) });
      saved.textContent = 'Saved.';
    });
  });
  container.replaceChildren(form);
}

// ---- configuration ---------------------------------------------------------------------------

/**
 * The settings every experiment of the project shares (GET and PATCH .../configuration). Only the
 * fields changed are sent: the time zone and the currency can change only while there is no data.
 */
async function renderConfiguration(container, api, isCurrent) {
  const [{ configuration }, { goals }] = await Promise.all([api('GET', '/configuration'), api('GET', '/goals?limit=500')]);
  if (!isCurrent()) return;
  const zone = h('input', { required: true, value: configuration.time_zone, placeholder: 'Europe/Paris', dataset: { field: 'time_zone' } });
  const currency = h('input', { required: true, maxLength: 3, value: configuration.reporting_currency, placeholder: 'USD',
    dataset: { field: 'reporting_currency' } });
  const rates = h('textarea', { className: 'code', rows: 3, dataset: { field: 'currency_rates' },
    value: Object.entries(configuration.currency_rates || {}).map(([code, rate]) => `${code} ${rate}`).join('\n'),
    placeholder: 'EUR 1.08' });
  const goal = h('select', { dataset: { field: 'primary_goal_key' } }, h('option', { value: '' }, 'None'),
    goals.map((entry) => h('option', { value: entry.goal_key,
      selected: configuration.primary_goal && configuration.primary_goal.goal_key === entry.goal_key }, entry.goal_name)));
  const consent = h('input', { type: 'checkbox', checked: configuration.consent_required === 1, dataset: { field: 'consent_required' } });
  const read = () => ({
    time_zone: zone.value.trim(),
    reporting_currency: currency.value.trim().toUpperCase(),
    currency_rates: Object.fromEntries(rates.value.split('\n').map((line) => line.trim().split(/[\s=:]+/)).filter((parts) => parts[0])
      .map(([code, rate]) => [code.toUpperCase(), Number(rate)])),
    primary_goal_key: goal.value || null,
    consent_required: consent.checked ? 1 : 0,
  });
  let saved = read();
  const save = h('button', { type: 'submit' }, 'Save configuration');
  const done = h('span', { className: 'hint', attrs: { role: 'status' } });
  const form = h('form', {}, field('Reporting time zone', zone, 'The days of date windows; changes only while no visitor is recorded.'),
    field('Reporting currency', currency, 'Revenue is reported in it; changes only while no revenue is recorded.'),
    field('Rates of other currencies', rates, 'One per line: the code and what one unit is worth in the reporting currency.'),
    field('Default primary goal', goal, 'Counted for experiments without a primary goal of their own.'),
    h('label', { className: 'inline' }, consent, ' Visitors must consent before the script stores or sends anything'),
    h('div', { className: 'actions' }, save, done));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    done.textContent = '';
    busy(save, form, async () => {
      const now = read();
      const changed = Object.fromEntries(Object.entries(now).filter(([name, value]) => JSON.stringify(saved[name]) !== JSON.stringify(value)));
      if (Object.keys(changed).length > 0) await api('PATCH', '/configuration', changed);
      saved = now;
      done.textContent = 'Saved.';
    });
  });
  container.replaceChildren(form);
}

// ---- exclusion groups ------------------------------------------------------------------------

async function renderGroups(container, api, isCurrent) {
  const [{ groups }, { experiments }] = await Promise.all([api('GET', '/exclusion-groups'), api('GET', '/experiments?limit=500')]);
  if (!isCurrent()) return;
  const list = groups.length === 0 ? h('p', { className: 'hint' }, 'No exclusion groups: a visitor can be in any number of experiments.')
    : h('ul', { className: 'groups' }, groups.map((group) => h('li', { dataset: { groupId: group.id } },
      h('strong', {}, group.name), group.description ? h('span', { className: 'hint' }, ` · ${group.description}`) : null,
      h('ul', {}, group.tests.map((test) => h('li', {}, `${test.test_name} (${STATUS_LABELS[test.status] || test.status}): ${test.percent} %`))),
      h('div', { className: 'actions' },
        h('button', { type: 'button', className: 'quiet', on: { click: () => edit(group) } }, 'Edit group'),
        h('button', { type: 'button', className: 'danger', on: { click: (event) => remove(group, event.currentTarget) } }, 'Delete group')))));

  const title = h('h3');
  const name = h('input', { required: true, maxLength: 200, dataset: { field: 'name' } });
  const description = h('input', { maxLength: 2000, dataset: { field: 'description' } });
  const members = h('ul', { className: 'choices-list', dataset: { field: 'tests' }, tabIndex: -1 },
    experiments.map((experiment) => h('li', { dataset: { testId: experiment.test_id } },
      h('label', { className: 'inline' }, h('input', { type: 'checkbox', value: experiment.test_id }), ` ${experiment.test_name}`),
      h('input', { type: 'number', min: 0, max: 100, step: 'any', className: 'percent', placeholder: 'even',
        attrs: { 'aria-label': `Percent of ${experiment.test_name}` } }))));
  const submit = h('button', { type: 'submit' });
  const cancel = h('button', { type: 'button', className: 'quiet', on: { click: () => edit(null) } }, 'Cancel');
  const form = h('form', { className: 'card' }, title,
    h('p', { className: 'hint small' }, 'Its experiments never share a visitor. Percents: all or none (an even split); they add up to 100.'),
    field('Name', name), field('Description', description), h('p', { className: 'label' }, 'Experiments (at least two)'), members,
    h('div', { className: 'actions' }, submit, cancel));
  let editing = null;
  // Fills the form for a new group (null) or to change this one, whose membership it replaces.
  function edit(group) {
    editing = group;
    const shares = new Map((group ? group.tests : []).map((test) => [String(test.test_id), test.percent]));
    title.textContent = group ? `Edit ${group.name}` : 'New exclusion group';
    submit.textContent = group ? 'Save group' : 'Create group';
    cancel.hidden = !group;
    name.value = group ? group.name : '';
    description.value = group ? group.description || '' : '';
    for (const item of members.children) {
      item.querySelector('input[type=checkbox]').checked = shares.has(item.dataset.testId);
      item.querySelector('input.percent').value = shares.has(item.dataset.testId) ? shares.get(item.dataset.testId) : '';
    }
    if (group) name.focus();
  }
  edit(null);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(submit, form, async () => {
      const chosen = [...members.children].filter((item) => item.querySelector('input[type=checkbox]').checked);
      // The API names a member by its place in the request: tests[0] is the first ticked one.
      for (const percent of members.querySelectorAll('input.percent')) delete percent.dataset.field;
      const tests = chosen.map((item, index) => {
        const percent = item.querySelector('input.percent');
        percent.dataset.field = `tests[${index}].percent`;
        const member = { test_id: Number(item.dataset.testId) };
        if (percent.value !== '') member.percent = Number(percent.value);
        return member;
      });
      const body = { name: name.value.trim(), description: description.value.trim() || undefined, tests };
      if (editing) await api('PATCH', `/exclusion-groups/${editing.id}`, body);
      else await api('POST', '/exclusion-groups', body);
      await renderGroups(container, api, isCurrent);
    });
  });
  container.replaceChildren(list, form);

  async function remove(group, button) {
    if (!window.confirm(`Delete the group “${group.name}”? Its experiments keep running, no longer exclusive.`)) return;
    await busy(button, container, async () => {
      await api('DELETE', `/exclusion-groups/${group.id}`);
      await renderGroups(container, api, isCurrent);
    });
  }
}

// ---- API keys --------------------------------------------------------------------------------

async function renderKeys(container, api, isCurrent) {
  const answer = await api('GET', '/api-keys');
  if (!isCurrent()) return;
  const dates = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
  const when = (iso) => (iso ? dates.format(new Date(iso)) : '—');
  const table = h('div', { className: 'scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, ['Name', 'Starts with', 'Created', 'Last used', ''].map((label) => h('th', {}, label)))),
    h('tbody', {}, answer.api_keys.map((key) => h('tr', { dataset: { keyId: key.id } },
      h('td', {}, key.name), h('td', {}, h('code', {}, `${key.prefix}…`)), h('td', {}, when(key.created_at)),
      h('td', {}, when(key.last_used_at)),
      h('td', {}, h('button', { type: 'button', className: 'danger', on: { click: (event) => revoke(key, event.currentTarget) } }, 'Revoke')))))));
  const name = h('input', { required: true, maxLength: 200, placeholder: 'e.g. CI pipeline', dataset: { field: 'name' } });
  const create = h('button', { type: 'submit' }, 'Create key');
  const form = h('form', { className: 'inline-form' }, field('New key name', name), h('div', { className: 'actions' }, create));
  const shown = h('div', { id: 'new-key', className: 'warning', hidden: true, attrs: { role: 'status' } });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(create, form, async () => {
      const created = await api('POST', '/api-keys', { name: name.value.trim() });
      await renderKeys(container, api, isCurrent);
      showOnce(container.querySelector('#new-key'), created);
    });
  });
  container.replaceChildren(table, form, shown);

  async function revoke(key, button) {
    const own = button.closest('tr') && api.isOwnKey(key.prefix);
    const question = own ? `Revoke “${key.name}”? It is the key you signed in with: you will be signed out.`
      : `Revoke “${key.name}”? Requests with it are refused from now on.`;
    if (!window.confirm(question)) return;
    await busy(button, container, async () => {
      await api('DELETE', `/api-keys/${key.id}${own ? '?confirm=true' : ''}`);
      if (own) api.signOut();
      else await renderKeys(container, api, isCurrent);
    });
  }
}

/** The new key, in clear this once, with a copy button. */
function showOnce(box, created) {
  const code = h('code', { id: 'new-key-value' }, created.key);
  const button = h('button', { type: 'button', className: 'quiet' }, 'Copy');
  button.addEventListener('click', () => copy(created.key, code, button));
  box.replaceChildren(h('p', {}, h('strong', {}, `Key “${created.name}” created. `),
    'Copy it now: it is shown only this once and stored only as a hash.'), h('p', {}, code, ' ', button));
  box.hidden = false;
  button.focus();
}
