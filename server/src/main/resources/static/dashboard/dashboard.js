// The Uplift dashboard: a client of the public REST API (/v2/project/{key}/...) and nothing else.
// Every text from the API reaches the page through textContent or attributes, never as HTML.

import { ApiError, request as callApi } from './api.js';
import { openEditor } from './authoring.js';
import { askConclusion, renderConclusion, renderPreviews } from './lifecycle.js';
import { applyFilter, openList, statusLabel } from './list.js';
import { openSettings } from './settings.js';
import { safeHttpUrl } from './ui.js';

const SESSION = 'uplift.dashboard.session';
// The experiment status codes of the API.
const LIVE = 1;
const INACTIVE = 0;

const $ = (id) => document.getElementById(id);

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

// ---- formatting ------------------------------------------------------------------------------

// Numbers and dates follow the page's language (English), so that they read like the labels around them.
const LOCALE = document.documentElement.lang || 'en';
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signedTwoDecimals = new Intl.NumberFormat(LOCALE, {
  minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero',
});
const pValueFormat = new Intl.NumberFormat(LOCALE, { maximumSignificantDigits: 4 });
const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

const isNumber = (value) => typeof value === 'number' && Number.isFinite(value);
const formatCount = (value) => (isNumber(value) ? integer.format(value) : '—');
const formatPercent = (value) => (isNumber(value) ? `${twoDecimals.format(value)} %` : '—');
const formatLift = (value) => (isNumber(value) ? `${signedTwoDecimals.format(value)} %` : '—');
const formatPValue = (value) => {
  if (!isNumber(value)) return '—';
  return value < 0.0001 ? '< 0.0001' : pValueFormat.format(value);
};
const formatInterval = (pair) => (Array.isArray(pair) && pair.length === 2
  ? `${formatLift(pair[0])} to ${formatLift(pair[1])}` : '—');
const formatDate = (iso) => (iso ? dateFormat.format(new Date(iso)) : '—');

// ---- DOM -------------------------------------------------------------------------------------

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function cell(row, text, className) {
  const td = element('td', text, className);
  row.append(td);
  return td;
}

function clearChildren(node) {
  node.replaceChildren();
}

function badge(node, label) {
  node.textContent = label;
  node.className = `badge badge-${label.replace(/\s+/g, '-')}`;
}

function show(id) {
  for (const section of ['sign-in', 'list', 'detail', 'editor', 'settings', 'not-found']) {
    $(section).hidden = section !== id;
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
    document.title = 'Sign in · Uplift';
    $('project-key').focus();
    return;
  }
  const hash = location.hash;
  const experiment = /^#experiment\/([1-9][0-9]{0,17})(\/edit)?$/.exec(hash);
  if (experiment && experiment[2]) {
    enter('editor');
    openEditor(experiment[1], api, isCurrent).catch((error) => notFoundOr(error, isCurrent));
  } else if (experiment) {
    openExperiment(experiment[1], isCurrent).catch((error) => notFoundOr(error, isCurrent));
  } else if (hash === '#new') {
    enter('editor');
    openEditor(null, api, isCurrent).catch(failed);
  } else if (hash === '#settings') {
    enter('settings');
    openSettings(session, api, isCurrent).catch(failed);
  } else {
    current = null;
    enter('list');
    openList(api, isCurrent).catch(failed);
  }
}

/** Shows a section and moves the focus to its heading, so that the change is announced. */
function enter(id) {
  show(id);
  const heading = $(id).querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

/** An experiment that does not exist gets its own page; any other error the banner. */
function notFoundOr(error, isCurrent) {
  if (!isCurrent()) return;
  if (error instanceof ApiError && error.status === 404) {
    current = null;
    enter('not-found');
    document.title = 'Not found · Uplift';
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
    $('detail-name').textContent = 'Loading…';
    $('detail-name').classList.add('skeleton-text');
    $('detail-meta').textContent = '';
    $('result-window').textContent = '';
    $('detail-status').hidden = true;
    $('detail-actions').hidden = true;
    $('conclusion').hidden = true;
    clearChildren($('preview-links'));
    $('detail').setAttribute('aria-busy', 'true');
    const heading = $('detail-name');
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
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
  document.title = `${details.experiment.test_name} · Uplift`;
  renderShare(share);
  renderConclusion(details.experiment);
  $('action-edit').href = `#experiment/${testId}/edit`;
  await Promise.all([loadResult(), renderPreviews(testId, api, isCurrent)]);
}

function renderExperiment(experiment) {
  $('detail-name').textContent = experiment.test_name;
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
  // Only the latest answer for the page shown is painted: an earlier, slower one is dropped.
  const asked = current;
  const ticket = ++asked.results;
  const result = await request('GET', `/experiment/${asked.testId}/result${suffix}`);
  if (asked !== current || ticket !== asked.results || !asked.isCurrent()) return;
  asked.result = result;
  $('result-window').textContent = windowText(start, end);
  renderResult(result);
}

/** The date window the numbers cover, in words. */
function windowText(start, end) {
  const zone = 'in the project\'s time zone';
  if (start && end) return `Visitors who entered from ${start} to ${end} (whole days ${zone}).`;
  if (start) return `Visitors who entered from ${start} until now (${zone}).`;
  if (end) return `Visitors who entered up to ${end} (${zone}).`;
  return 'All visitors since the experiment was created.';
}

function clearResult() {
  clearChildren($('result').tBodies[0]);
  clearChildren($('result').tFoot);
  clearChildren($('statistics').tBodies[0]);
  $('result-summary').textContent = '';
  $('statistics-summary').textContent = '';
  $('srm').hidden = true;
  clearChildren($('breakdown').tBodies[0]);
  $('breakdown-section').hidden = true;
}

function renderResult(result) {
  clearResult();
  const goal = result.goal ? result.goal.goal_name : 'no goal';
  $('result-summary').textContent = `Goal: ${goal} · running ${formatCount(result.days_running)} `
    + `${result.days_running === 1 ? 'day' : 'days'}`;
  const rows = $('result').tBodies[0];
  for (const variant of result.variants) {
    const row = element('tr');
    row.dataset.variant = variant.variant_id;
    cell(row, variant.name, 'variant');
    cell(row, formatCount(variant.visitors), 'num visitors');
    cell(row, formatCount(variant.conversions), 'num conversions');
    // No visitor, no rate: a dash rather than 0.00 %.
    cell(row, variant.visitors > 0 ? formatPercent(variant.conversion_rate) : '—', 'num rate');
    const lift = cell(row, variant.is_control ? 'baseline' : formatLift(variant.improvement), 'num improvement');
    if (isNumber(variant.improvement)) lift.classList.add(variant.improvement >= 0 ? 'up' : 'down');
    rows.append(row);
  }
  const total = element('tr');
  cell(total, 'Total');
  cell(total, formatCount(result.total_visitors), 'num visitors');
  cell(total, formatCount(result.total_conversions), 'num conversions');
  cell(total, '');
  cell(total, '');
  $('result').tFoot.append(total);
  renderStatistics(result);
  renderSrm(result.srm);
  renderBreakdown(result);
}

/** One row per segment: its totals, and each treatment's lift with p-values within and across segments. */
function renderBreakdown(result) {
  if (!Array.isArray(result.breakdowns)) return;
  $('breakdown-summary').textContent = `By ${result.breakdown_by}, largest segment first; each segment against its own `
    + 'Control. "across segments" is the p-value adjusted by Holm over every segment.';
  const rows = $('breakdown').tBodies[0];
  for (const segment of result.breakdowns) {
    const row = element('tr');
    row.dataset.segment = segment.criteria;
    cell(row, segment.criteria, 'segment');
    cell(row, formatCount(segment.total_visitors), 'num visitors');
    cell(row, formatCount(segment.total_conversions), 'num conversions');
    cell(row, formatPercent(segment.conversion_rate), 'num rate');
    const treatments = segment.variants.filter((variant) => !variant.is_control).map((variant) => {
      const stats = variant.statistics || {};
      if (stats.estimable === false) return `${variant.name}: too little data`;
      return `${variant.name}: ${formatLift(variant.improvement)} (p ${formatPValue(stats.p_value)}, `
        + `across segments ${formatPValue(stats.p_value_segments_adjusted)})`;
    });
    cell(row, treatments.join('; '), 'treatments');
    rows.append(row);
  }
  $('breakdown-section').hidden = false;
}

function renderStatistics(result) {
  const engine = result.stats_engine === 'frequentist' ? 'Frequentist' : 'Bayesian';
  $('statistics-summary').textContent = `${engine} engine · ${formatCount(result.confidence_threshold_percent)} % threshold`;
  const rows = $('statistics').tBodies[0];
  for (const variant of result.variants) {
    if (variant.is_control || !variant.statistics) continue;
    const stats = variant.statistics;
    const row = element('tr');
    row.dataset.variant = variant.variant_id;
    cell(row, variant.name, 'variant');
    cell(row, formatPercent(stats.chance_to_beat_control), 'num chance');
    cell(row, formatPercent(stats.expected_loss), 'num loss');
    cell(row, formatPValue(stats.p_value_adjusted ?? stats.p_value), 'num p-value');
    cell(row, formatInterval(stats.credible_interval), 'num');
    cell(row, formatInterval(stats.confidence_interval), 'num');
    const significant = element('span');
    if (stats.estimable === false) badge(significant, 'too little data');
    else badge(significant, stats.significant ? 'significant' : 'not significant');
    significant.classList.add('significance');
    cell(row).append(significant);
    rows.append(row);
  }
}

function renderSrm(srm) {
  const warning = $('srm');
  if (!srm || !srm.detected) {
    warning.hidden = true;
    return;
  }
  const weights = (srm.expected_weights || []).map((weight) => formatPercent(weight * 100)).join(' / ');
  warning.textContent = `Sample ratio mismatch: the visitors are not split as configured (${weights}); `
    + `p = ${formatPValue(srm.p_value)}. Check the assignment before trusting these results.`;
  warning.hidden = false;
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
window.addEventListener('hashchange', () => {
  hideError();
  route();
});
route();
