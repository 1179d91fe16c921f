// The Uplift dashboard: a client of the public REST API (/v2/project/{key}/...) and nothing else.
// Every text from the API reaches the page through textContent or attributes, never as HTML.

import { $, badge, cell, clearChildren, element } from './dom.js';
import { formatDate } from './format.js';
import { clearResult, mountResults, renderResult, renderTimeseries } from './results-view.js';

const SESSION = 'uplift.dashboard.session';
const MAX_TREATMENTS = 4;
// The experiment status codes of the API, and their labels.
const DRAFT = 9;
const LIVE = 1;
const INACTIVE = 0;
const STATUS = { [DRAFT]: 'draft', [LIVE]: 'live', [INACTIVE]: 'inactive' };


let session = readSession();
let current = null;

// ---- session ---------------------------------------------------------------------------------

function readSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SESSION));
    return saved && saved.projectKey && saved.apiKey ? saved : null;
  } catch {
    return null;
  }
}

async function signIn(event) {
  event.preventDefault();
  const candidate = { projectKey: $('project-key').value.trim(), apiKey: $('api-key').value.trim() };
  try {
    await request('GET', '', null, candidate);
  } catch (error) {
    showError(error);
    return;
  }
  session = candidate;
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  $('sign-in-form').reset();
  hideError();
  route();
}

function signOut() {
  sessionStorage.removeItem(SESSION);
  session = null;
  current = null;
  $('create-form').reset();
  clearChildren($('experiments').tBodies[0]);
  hideError();
  if (location.hash) {
    history.replaceState(null, '', location.pathname);
  }
  route();
}

// ---- API -------------------------------------------------------------------------------------

class ApiError extends Error {}

/** Calls /v2/project/{key}{path}; resolves to the JSON body, rejects with the API's error message. */
async function request(method, path, body, keys = session) {
  const headers = { Authorization: `Bearer ${keys.apiKey}`, Accept: 'application/json' };
  const init = { method, headers, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' };
  if (body !== null && body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(`/v2/project/${encodeURIComponent(keys.projectKey)}${path}`, init);
  } catch {
    throw new ApiError('Uplift did not answer: check that the server is running.');
  }
  let json = null;
  try {
    json = await response.json();
  } catch {
    // A body that is not JSON falls through to the status message below.
  }
  if (!response.ok || !json || json.success === false) {
    throw new ApiError((json && json.error) || `The server answered ${response.status} ${response.statusText}`.trim());
  }
  return json;
}

// ---- errors ----------------------------------------------------------------------------------

function showError(error) {
  $('banner-text').textContent = error instanceof ApiError ? error.message : `Unexpected error: ${error.message}`;
  $('banner').hidden = false;
}

function hideError() {
  $('banner').hidden = true;
  $('banner-text').textContent = '';
}

/** Runs an action of a button: disabled meanwhile, errors in the banner. */
async function act(button, action) {
  button.disabled = true;
  try {
    hideError();
    await action();
  } catch (error) {
    showError(error);
  } finally {
    button.disabled = false;
  }
}

function statusLabel(experiment) {
  if (experiment.is_completed === 1) return 'concluded';
  return STATUS[experiment.status] || String(experiment.status);
}

// The page title of each view; an experiment's view puts its name first once loaded.
const TITLES = { 'sign-in': 'Sign in · Uplift', list: 'Experiments · Uplift', detail: 'Experiment · Uplift' };

function show(id) {
  const entering = $(id).hidden;
  for (const section of ['sign-in', 'list', 'detail']) {
    $(section).hidden = section !== id;
  }
  if (entering) {
    // A new view: its title, and the focus on its heading, so that keyboard and screen-reader users
    // start there rather than on a control of the view that is gone.
    document.title = TITLES[id];
    const heading = $(id).querySelector('h1');
    heading.tabIndex = -1;
    heading.focus();
  }
  const signedIn = session !== null;
  $('sign-out').hidden = !signedIn;
  $('project').hidden = !signedIn;
  $('project').textContent = signedIn ? `Project ${session.projectKey}` : '';
}

// ---- routing ---------------------------------------------------------------------------------

function route() {
  if (!session) {
    show('sign-in');
    $('project-key').focus();
    return;
  }
  const match = /^#experiment\/([1-9][0-9]{0,17})$/.exec(location.hash);
  if (match) {
    openExperiment(match[1]).catch(showError);
  } else {
    openList().catch(showError);
  }
}

// ---- experiments list ------------------------------------------------------------------------

async function openList() {
  current = null;
  show('list');
  const body = await request('GET', '/experiments?limit=500');
  const rows = $('experiments').tBodies[0];
  clearChildren(rows);
  const experiments = [...body.experiments].sort((a, b) => (b.created_at || '').localeCompare(a.created_at || '')
    || b.test_id - a.test_id);
  for (const experiment of experiments) {
    const row = element('tr');
    row.dataset.testId = experiment.test_id;
    const link = element('a', experiment.test_name);
    link.href = `#experiment/${experiment.test_id}`;
    cell(row).append(link);
    const status = element('span');
    badge(status, statusLabel(experiment));
    cell(row).append(status);
    cell(row, formatDate(experiment.created_at));
    cell(row, String(experiment.test_id), 'num');
    rows.append(row);
  }
  $('list-empty').hidden = experiments.length > 0;
}

function openCreateForm() {
  const form = $('create-form');
  form.reset();
  clearChildren($('treatments'));
  addTreatment();
  form.hidden = false;
  $('create-name').focus();
}

function addTreatment() {
  const list = $('treatments');
  const number = list.children.length + 1;
  if (number > MAX_TREATMENTS) return;
  const item = element('li');
  const id = `treatment-${number}`;
  const label = element('label', `Treatment ${number} nickname`);
  label.htmlFor = id;
  const input = element('input');
  input.id = id;
  input.name = 'treatment';
  input.required = true;
  input.maxLength = 200;
  item.append(label, input);
  if (number > 1) {
    const remove = element('button', 'Remove', 'quiet');
    remove.type = 'button';
    remove.addEventListener('click', () => {
      item.remove();
      renumberTreatments();
    });
    item.append(remove);
  }
  list.append(item);
  renumberTreatments();
}

function renumberTreatments() {
  const items = [...$('treatments').children];
  items.forEach((item, index) => {
    const id = `treatment-${index + 1}`;
    const label = item.querySelector('label');
    label.textContent = `Treatment ${index + 1} nickname`;
    label.htmlFor = id;
    item.querySelector('input').id = id;
  });
  $('add-treatment').disabled = items.length >= MAX_TREATMENTS;
}

async function createExperiment(event) {
  event.preventDefault();
  const treatments = [...$('treatments').querySelectorAll('input')].map((input) => input.value.trim());
  const body = {
    test_name: $('create-name').value.trim(),
    url: $('create-url').value.trim(),
    variants: treatments.map((name) => ({ name, data: [] })),
    primary_goal: {
      goal_name: $('goal-name').value.trim(),
      goal_type: $('goal-type').value,
      goal_value: $('goal-value').value.trim(),
    },
  };
  const button = event.submitter || $('create-form').querySelector('button[type=submit]');
  await act(button, async () => {
    const created = await request('POST', '/create-experiment', body);
    $('create-form').hidden = true;
    $('create-form').reset();
    location.hash = `#experiment/${created.test_id}`;
  });
}

// ---- one experiment --------------------------------------------------------------------------

async function openExperiment(testId) {
  show('detail');
  if (!current || current.testId !== testId) {
    current = { testId, experiment: null };
    $('result-form').reset();
    clearResult();
    $('detail-name').textContent = '';
    $('detail-meta').textContent = '';
    $('detail-status').hidden = true;
    $('detail-actions').hidden = true;
  }
  const [details, share] = await Promise.all([
    request('GET', `/experiment/${testId}`),
    request('GET', `/experiment/${testId}/share-link`),
  ]);
  current.experiment = details.experiment;
  renderExperiment(details.experiment);
  renderShare(share);
  await loadResult();
}

function renderExperiment(experiment) {
  $('detail-name').textContent = experiment.test_name;
  document.title = `${experiment.test_name} · Uplift`;
  const label = statusLabel(experiment);
  badge($('detail-status'), label);
  const parts = [`ID ${experiment.test_id}`];
  if (experiment.experiment_key && experiment.experiment_key !== String(experiment.test_id)) {
    parts.push(`key ${experiment.experiment_key}`);
  }
  parts.push(`created ${formatDate(experiment.created_at)}`);
  if (experiment.end_date) parts.push(`concluded ${formatDate(experiment.end_date)}`);
  if (experiment.url) parts.push(experiment.url);
  $('detail-meta').textContent = parts.join(' · ');
  $('detail-status').hidden = false;
  $('detail-actions').hidden = false;
  $('action-start').hidden = label === 'live' || label === 'concluded';
  $('action-pause').hidden = label !== 'live';
  $('action-conclude').hidden = label === 'concluded';
  renderGoals(experiment);
}

function renderGoals(experiment) {
  const select = $('result-goal');
  const chosen = select.value;
  clearChildren(select);
  const goals = [];
  if (experiment.primary_goal) goals.push({ ...experiment.primary_goal, primary: true });
  for (const goal of experiment.secondary_goals || []) goals.push(goal);
  if (goals.length === 0) select.append(element('option', 'No goal attached'));
  for (const goal of goals) {
    const option = element('option', goal.primary ? `${goal.goal_name} (primary)` : goal.goal_name);
    option.value = goal.goal_key;
    select.append(option);
  }
  if ([...select.options].some((option) => option.value === chosen)) select.value = chosen;
}

function renderShare(share) {
  const link = $('share-link');
  const url = safeHttpUrl(share.share_link);
  $('share-state').textContent = share.is_public
    ? 'Anyone with this link can see the results, without signing in.'
    : 'Off: only people with an API key see the results.';
  link.hidden = !url;
  link.textContent = url || '';
  if (url) link.href = url; else link.removeAttribute('href');
  $('share-enable').hidden = share.is_public;
  $('share-disable').hidden = !share.is_public;
}

function safeHttpUrl(value) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

async function loadResult() {
  const query = new URLSearchParams();
  const start = $('result-start').value;
  const end = $('result-end').value;
  const goal = $('result-goal').value;
  if (start) query.set('start_date', start);
  if (end) query.set('end_date', end);
  if (goal && current.experiment && goal !== (current.experiment.primary_goal || {}).goal_key) query.set('goal_key', goal);
  const segment = [$('result-segment').value, $('result-country').value.trim() && `country-${$('result-country').value.trim()}`]
    .filter(Boolean).join(',');
  if (segment) query.set('filter_by', segment);
  if ($('result-breakdown').value) query.set('breakdown_by', $('result-breakdown').value);
  const suffix = query.toString() ? `?${query}` : '';
  const result = await request('GET', `/experiment/${current.testId}/result${suffix}`);
  current.result = result;
  renderResult(result);
  await loadTimeseries(query, result);
}

/** The charts over time, when the server has the timeseries route; the rest of the view stands without. */
async function loadTimeseries(query, result) {
  const filters = new URLSearchParams(query);
  filters.delete('breakdown_by');
  const suffix = filters.toString() ? `?${filters}` : '';
  const { testId } = current;
  let body;
  try {
    body = await request('GET', `/experiment/${testId}/timeseries${suffix}`);
  } catch {
    return;
  }
  // A late answer for another experiment, or an older window, is dropped.
  if (current && current.testId === testId && current.result === result) await renderTimeseries(body, result);
}

async function changeStatus(status) {
  await request('PATCH', `/experiment/${current.testId}/status`, { status });
  await openExperiment(current.testId);
}

async function conclude() {
  await request('POST', `/experiment/${current.testId}/conclude`);
  await openExperiment(current.testId);
}

async function deleteExperiment() {
  const name = current.experiment ? current.experiment.test_name : `experiment ${current.testId}`;
  if (!window.confirm(`Delete “${name}”? It disappears from the API; its data is kept.`)) return;
  await request('DELETE', `/experiment/${current.testId}`);
  location.hash = '#experiments';
}

async function share(method) {
  renderShare(await request(method, `/experiment/${current.testId}/share-link`));
}

// ---- wiring ----------------------------------------------------------------------------------

mountResults($('results'));
$('sign-in-form').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', signOut);
$('banner-close').addEventListener('click', hideError);
$('new-experiment').addEventListener('click', openCreateForm);
$('add-treatment').addEventListener('click', addTreatment);
$('create-cancel').addEventListener('click', () => { $('create-form').hidden = true; });
$('create-form').addEventListener('submit', createExperiment);
$('result-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act(event.submitter || $('result-form').querySelector('button'), loadResult);
});
$('action-start').addEventListener('click', (event) => act(event.currentTarget, () => changeStatus(LIVE)));
$('action-pause').addEventListener('click', (event) => act(event.currentTarget, () => changeStatus(INACTIVE)));
$('action-conclude').addEventListener('click', (event) => act(event.currentTarget, conclude));
$('action-delete').addEventListener('click', (event) => act(event.currentTarget, deleteExperiment));
$('share-enable').addEventListener('click', (event) => act(event.currentTarget, () => share('POST')));
$('share-disable').addEventListener('click', (event) => act(event.currentTarget, () => share('DELETE')));
window.addEventListener('hashchange', () => {
  hideError();
  route();
});
route();
