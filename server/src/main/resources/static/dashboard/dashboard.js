// The Uplift dashboard: a client of the public REST API (/v2/project/{key}/...) and nothing else.
// Every text from the API reaches the page through textContent or attributes, never as HTML.

import { ApiError, request as callApi } from './api.js';
import { openEditor } from './authoring.js';
import { $, badge, clearChildren, element } from './dom.js';
import { formatDate } from './format.js';
import { askConclusion, renderConclusion, renderPreviews } from './lifecycle.js';
import { applyFilter, openList, statusLabel } from './list.js';
import { clearMetrics, metricsQuery, mountMetrics, renderMetrics } from './metrics-view.js';
import { clearResult, mountResults, preloadCharts, renderResult, renderTimeseries } from './results-view.js';
import { openSettings } from './settings.js';
import { copy, safeHttpUrl } from './ui.js';

const SESSION = 'uplift.dashboard.session';
// The experiment status codes of the API.
const LIVE = 1;
const INACTIVE = 0;


let session = readSession();
let current = null;
// Every view shown gets a new number; an answer that arrives for an older view is dropped, so a
// slow response never paints over the page that replaced it.
let view = 0;

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
  clearChildren($('experiments').tBodies[0]);
  hideError();
  if (location.hash) {
    history.replaceState(null, '', location.pathname);
  }
  route();
}

// ---- API -------------------------------------------------------------------------------------

/** Calls /v2/project/{key}{path} with the session's keys, or the ones given. */
function request(method, path, body, keys = session) {
  return callApi(method, path, body, keys);
}

// The authoring modules' way to the API: the session's keys, and what they need of the session.
const api = (method, path, body) => request(method, path, body);
api.isOwnKey = (prefix) => session !== null && session.apiKey.startsWith(prefix);
api.signOut = () => signOut();

// ---- errors ----------------------------------------------------------------------------------

function showError(error) {
  $('banner-text').textContent = error instanceof ApiError ? error.message : `Unexpected error: ${error.message}`;
  $('banner').hidden = false;
  // The banner sits at the top: bring it into view, and focus it for screen readers.
  $('banner').scrollIntoView({ block: 'nearest' });
  $('banner').focus();
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

// The page title of each view; an experiment's view and the authoring views set their own once loaded.
const TITLES = {
  'sign-in': 'Sign in · Uplift', list: 'Experiments · Uplift', detail: 'Experiment · Uplift',
  editor: 'Experiment · Uplift', settings: 'Project settings · Uplift', 'not-found': 'Not found · Uplift',
};

function show(id) {
  const entering = $(id).hidden;
  for (const section of ['sign-in', 'list', 'detail', 'editor', 'settings', 'not-found']) {
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
  const token = ++view;
  const isCurrent = () => token === view;
  const failed = (error) => {
    if (isCurrent()) showError(error);
  };
  if (!session) {
    show('sign-in');
    $('project-key').focus();
    return;
  }
  const hash = location.hash;
  const experiment = /^#experiment\/([1-9][0-9]{0,17})(\/edit)?$/.exec(hash);
  if (experiment && experiment[2]) {
    show('editor');
    openEditor(experiment[1], api, isCurrent).catch((error) => notFoundOr(error, isCurrent));
  } else if (experiment) {
    openExperiment(experiment[1], isCurrent).catch((error) => notFoundOr(error, isCurrent));
  } else if (hash === '#new') {
    show('editor');
    openEditor(null, api, isCurrent).catch(failed);
  } else if (hash === '#settings') {
    show('settings');
    openSettings(session, api, isCurrent).catch(failed);
  } else {
    current = null;
    show('list');
    openList(api, isCurrent).catch(failed);
  }
}

/** An experiment that does not exist gets its own page; any other error the banner. */
function notFoundOr(error, isCurrent) {
  if (!isCurrent()) return;
  if (error instanceof ApiError && error.status === 404) {
    current = null;
    show('not-found');
    return;
  }
  showError(error);
}

// ---- one experiment --------------------------------------------------------------------------

async function openExperiment(testId, isCurrent) {
  const fresh = !current || current.testId !== testId || $('detail').hidden;
  show('detail');
  if (fresh) {
    current = { testId, experiment: null, result: null, isCurrent, results: 0 };
    $('result-form').reset();
    clearResult();
    clearMetrics();
    $('detail-name').textContent = 'Loading…';
    $('detail-name').classList.add('skeleton-text');
    $('detail-meta').textContent = '';
    $('result-window').textContent = '';
    $('detail-status').hidden = true;
    $('detail-actions').hidden = true;
    $('conclusion').hidden = true;
    clearChildren($('preview-links'));
    $('detail').setAttribute('aria-busy', 'true');
  }
  current.isCurrent = isCurrent;
  const [details, share] = await Promise.all([
    request('GET', `/experiment/${testId}`),
    request('GET', `/experiment/${testId}/share-link`),
  ]);
  if (!isCurrent()) return;
  current.experiment = details.experiment;
  $('detail-name').classList.remove('skeleton-text');
  $('detail').removeAttribute('aria-busy');
  renderExperiment(details.experiment);
  renderShare(share);
  renderConclusion(details.experiment);
  $('action-edit').href = `#experiment/${testId}/edit`;
  await Promise.all([loadResult(), renderPreviews(testId, api, isCurrent)]);
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
  // The report phase matters only once a winner has been served (docs/api.md, Serving a winner).
  $('phase-field').hidden = !experiment.deployed_at && !experiment.is_serving;
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
  $('share-copy').hidden = !url;
  $('share-enable').hidden = share.is_public;
  $('share-disable').hidden = !share.is_public;
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
  if (!$('phase-field').hidden && $('result-phase').value) query.set('report_phase', $('result-phase').value);
  const suffix = query.toString() ? `?${query}` : '';
  // Only the latest answer for the page shown is painted: an earlier, slower one is dropped.
  const asked = current;
  const ticket = ++asked.results;
  const stillShown = () => asked === current && ticket === asked.results && asked.isCurrent();
  // Asked at once with the result, so that the charts and the secondary goals do not wait for it.
  const timeseries = loadTimeseries(query, asked.testId);
  const metrics = loadMetrics(query, asked);
  const result = await request('GET', `/experiment/${asked.testId}/result${suffix}`);
  if (!stillShown()) return;
  asked.result = result;
  // A phase other than all time counts part of the data; the charts over time count all of it.
  const phased = Boolean(result.deployed_at) && result.report_phase && result.report_phase !== 'all_time';
  $('result-window').textContent = windowText(start, end, phased ? result.report_phase : null);
  renderResult(result);
  const [series, secondary] = await Promise.all([timeseries, metrics]);
  if (!stillShown()) return;
  if (secondary) renderMetrics(secondary, result); else clearMetrics();
  if (series && !phased) await renderTimeseries(series, result);
}

/**
 * The experiment's secondary goals over the same window, segment and phase as the result, or null
 * when it has none or the route failed: the rest of the view stands without them.
 */
async function loadMetrics(query, asked) {
  if (!asked.experiment || (asked.experiment.secondary_goals || []).length === 0) return null;
  const filters = metricsQuery(query);
  const suffix = filters.toString() ? `?${filters}` : '';
  try {
    return await request('GET', `/experiment/${asked.testId}/metrics${suffix}`);
  } catch {
    return null;
  }
}

const PHASES = {
  pre_deploy: 'Only before the winner was served: visitors who entered before, and their conversions before.',
  post_deploy: 'Only since the winner was first served: visitors who entered since, with their conversions.',
};

/** The date window and report phase the numbers cover, in words. */
function windowText(start, end, phase) {
  const zone = 'in the project\'s time zone';
  let text = 'All visitors since the experiment was created.';
  if (start && end) text = `Visitors who entered from ${start} to ${end} (whole days ${zone}).`;
  else if (start) text = `Visitors who entered from ${start} until now (${zone}).`;
  else if (end) text = `Visitors who entered up to ${end} (${zone}).`;
  return PHASES[phase] ? `${text} ${PHASES[phase]} The charts over time, which count every phase, are left out.` : text;
}

/**
 * The timeseries for the charts over time, or null when the server has no such route or it failed:
 * the rest of the view stands without them.
 */
async function loadTimeseries(query, testId) {
  const filters = new URLSearchParams(query);
  // The timeseries route takes neither a breakdown nor a phase (docs/api.md §2.1).
  filters.delete('breakdown_by');
  filters.delete('report_phase');
  const suffix = filters.toString() ? `?${filters}` : '';
  try {
    const body = await request('GET', `/experiment/${testId}/timeseries${suffix}`);
    preloadCharts(body);
    return body;
  } catch {
    return null;
  }
}

async function changeStatus(status) {
  await request('PATCH', `/experiment/${current.testId}/status`, { status });
  await openExperiment(current.testId, current.isCurrent);
}

async function conclude() {
  if (!current.experiment) return;
  if (await askConclusion(current.experiment, current.result, api)) {
    await openExperiment(current.testId, current.isCurrent);
    $('conclusion').focus();
  } else {
    $('action-conclude').focus();
  }
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
mountMetrics($('metrics-container'));
$('sign-in-form').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', signOut);
$('banner-close').addEventListener('click', hideError);
$('list-status').addEventListener('change', applyFilter);
$('list-search').addEventListener('input', applyFilter);
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
$('share-copy').addEventListener('click', (event) => copy($('share-link').href, $('share-link'), event.currentTarget));
window.addEventListener('hashchange', () => {
  hideError();
  route();
});
route();
