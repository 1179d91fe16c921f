// The experiment list: each row with its visitors, best lift and verdict, a status filter and a
// search. Rows appear at once with placeholders; each result fills its row when it arrives.

import { formatCount } from './format.js';
import { h } from './ui.js';
import { KEEP_RUNNING, LOSER, NOT_ENOUGH_DATA, SRM, WINNER, verdicts } from './verdict.js';

const STATUS = { 9: 'draft', 1: 'live', 0: 'inactive' };
// Results asked at once: enough to fill a page quickly, few enough to leave the server room.
const PARALLEL_RESULTS = 4;

const dates = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

export function statusLabel(experiment) {
  if (experiment.is_completed === 1) return 'concluded';
  return STATUS[experiment.status] || String(experiment.status);
}

/**
 * The experiment in one verdict, from its treatments' verdicts (verdict.js): its best winner; a
 * sample-ratio mismatch, which stops every call; a loser when every treatment loses; else keep
 * running, with the first treatment's reason. Also the treatment whose lift the row shows.
 */
export function overallVerdict(result) {
  const all = verdicts(result);
  if (result.total_visitors === 0 || all.length === 0) return { label: '—', tone: 'none', shown: null };
  const best = (list) => list.reduce((a, b) => ((b.verdict.estimate ?? -Infinity) > (a.verdict.estimate ?? -Infinity) ? b : a));
  const winners = all.filter((entry) => entry.verdict.kind === WINNER);
  if (winners.length > 0) {
    const winner = best(winners);
    return { label: `Winner: ${winner.variant.name}`, tone: 'good', reason: winner.verdict.reasonText, shown: winner };
  }
  const srm = all.find((entry) => entry.verdict.reason === SRM);
  if (srm) return { label: 'Check the split', tone: 'bad', reason: srm.verdict.reasonText, shown: best(all) };
  if (all.every((entry) => entry.verdict.kind === LOSER)) {
    return { label: 'Loser', tone: 'bad', reason: 'Every treatment is significantly worse than Control.', shown: best(all) };
  }
  const running = all.find((entry) => entry.verdict.kind === KEEP_RUNNING);
  const reason = running.verdict.reason === SRM ? 'sample ratio mismatch'
    : running.verdict.reason === NOT_ENOUGH_DATA ? 'not enough data' : 'interval crosses zero';
  return { label: 'Keep running', tone: 'neutral', note: reason, reason: running.verdict.reasonText, shown: best(all) };
}

/** Shows the list; `isCurrent` tells whether the list is still the view shown. */
export async function openList(api, isCurrent) {
  document.title = 'Experiments · Uplift';
  const rows = document.getElementById('experiments').tBodies[0];
  const section = document.getElementById('list');
  if (rows.children.length === 0) rows.replaceChildren(...skeletonRows(3));
  section.setAttribute('aria-busy', 'true');
  const body = await api('GET', '/experiments?limit=500');
  if (!isCurrent()) return;
  section.removeAttribute('aria-busy');
  const experiments = [...body.experiments].sort((a, b) => (b.created_at || '').localeCompare(a.created_at || '')
    || b.test_id - a.test_id);
  rows.replaceChildren(...experiments.map(row));
  document.getElementById('list-empty').hidden = experiments.length > 0;
  applyFilter();
  const queue = [...experiments];
  const worker = async () => {
    for (let experiment = queue.shift(); experiment && isCurrent(); experiment = queue.shift()) {
      await fillRow(experiment, api, isCurrent);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_RESULTS }, worker));
}

function row(experiment) {
  const label = statusLabel(experiment);
  const searchable = [experiment.test_name, experiment.experiment_key, experiment.test_id, experiment.url].join(' ').toLowerCase();
  return h('tr', { dataset: { testId: experiment.test_id, status: label, search: searchable } },
    h('td', {}, h('a', { href: `#experiment/${experiment.test_id}` }, experiment.test_name)),
    h('td', {}, h('span', { className: `badge badge-${label}` }, label)),
    h('td', { className: 'num visitors' }, h('span', { className: 'skeleton-text' }, '…')),
    h('td', { className: 'num lift' }, h('span', { className: 'skeleton-text' }, '…')),
    h('td', { className: 'verdict' }, h('span', { className: 'skeleton-text' }, '…')),
    h('td', { className: 'created' }, experiment.created_at ? dates.format(new Date(experiment.created_at)) : '—'));
}

async function fillRow(experiment, api, isCurrent) {
  const tr = document.querySelector(`#experiments tr[data-test-id="${experiment.test_id}"]`);
  let result = null;
  try {
    result = await api('GET', `/experiment/${experiment.test_id}/result`);
  } catch {
    // A result that cannot be read leaves the row with dashes; the experiment's page says why.
  }
  if (!isCurrent() || !tr || !tr.isConnected) return;
  const [visitors, liftCell, verdictCell] = ['visitors', 'lift', 'verdict'].map((name) => tr.querySelector(`.${name}`));
  if (!result) {
    for (const cell of [visitors, liftCell, verdictCell]) cell.textContent = '—';
    return;
  }
  visitors.textContent = formatCount(result.total_visitors);
  const verdict = overallVerdict(result);
  const shown = verdict.shown && verdict.shown.verdict.estimate !== null ? verdict.shown : null;
  liftCell.textContent = shown ? `${shown.variant.name}: ${shown.verdict.liftText}` : '—';
  liftCell.className = `num lift${shown ? ` ${shown.verdict.direction}` : ''}`;
  verdictCell.replaceChildren(verdict.label === '—' ? '—'
    : h('span', { className: `verdict-${verdict.tone}`, title: verdict.reason }, verdict.label),
  verdict.note ? h('span', { className: 'hint small' }, ` (${verdict.note})`) : '');
}

function skeletonRows(count) {
  return Array.from({ length: count }, () => h('tr', { className: 'skeleton-row', attrs: { 'aria-hidden': 'true' } },
    Array.from({ length: 6 }, () => h('td', {}, h('span', { className: 'skeleton-text' }, '…')))));
}

/** Shows the rows that match the status filter and the search words. */
export function applyFilter() {
  const status = document.getElementById('list-status').value;
  const words = document.getElementById('list-search').value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const tr of document.getElementById('experiments').tBodies[0].rows) {
    if (!tr.dataset.testId) continue;
    const visible = (!status || tr.dataset.status === status) && words.every((word) => tr.dataset.search.includes(word));
    tr.hidden = !visible;
    if (visible) shown += 1;
  }
  const total = document.querySelectorAll('#experiments tbody tr[data-test-id]').length;
  document.getElementById('list-count').textContent = total === 0 ? '' : `${shown} of ${total} experiments`;
}
