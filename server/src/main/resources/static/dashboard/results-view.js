// The experiment view's results: a verdict per treatment with a forest plot, the result table (with
// revenue per visitor when the goal has revenue), the SRM warning, the breakdown by segment and the
// charts over time. Shared by the dashboard and the public share page, whose HTML has the same ids.

import { $, cell, clearChildren, el, element } from './dom.js';
import { clearForest, drawForest, lineChart, loadUPlot } from './charts.js';
import { formatCount, formatLift, formatMoney, formatPValue, formatPercent, isNumber } from './format.js';
import { EXPLAIN, verdictOf } from './verdict.js';

/**
 * Builds the results' skeleton (the ids the functions below fill) into container: the dashboard's
 * experiment view and the share page show the same blocks.
 */
export function mountResults(container) {
  const headers = (...names) => el('thead', {}, el('tr', {}, ...names.map(([name, className, hidden]) =>
    el('th', { class: className, hidden }, name))));
  container.replaceChildren(
    el('div', { id: 'srm', class: 'warning', role: 'status', hidden: true }),
    el('h2', {}, 'Verdict'),
    el('p', { id: 'statistics-summary', class: 'hint' }),
    el('div', { id: 'verdicts', class: 'verdicts' }),
    el('div', { id: 'forest' }),
    el('h2', {}, 'Results'),
    el('p', { id: 'result-summary', class: 'hint' }),
    el('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': 'Results per variant' },
      el('table', { id: 'result' },
        headers(['Variant'], ['Visitors', 'num'], ['Conversions', 'num'], ['Conversion rate', 'num'], ['Improvement', 'num'],
          ['Revenue per visitor', 'num revenue', true], ['RPV improvement', 'num revenue', true]),
        el('tbody'), el('tfoot'))),
    el('div', { id: 'timeseries-section', hidden: true },
      el('h2', {}, 'Over time'),
      el('p', { id: 'timeseries-summary', class: 'hint' }),
      // Regions a keyboard can scroll, should a chart be wider than the screen.
      el('div', { id: 'chart-rate', class: 'chart', tabindex: 0, role: 'region', 'aria-label': 'Cumulative conversion rate chart' }),
      el('div', { id: 'chart-lift', class: 'chart', tabindex: 0, role: 'region', 'aria-label': 'Cumulative lift chart' })),
    el('div', { id: 'breakdown-section', hidden: true },
      el('h2', {}, 'Breakdown'),
      el('p', { id: 'breakdown-summary', class: 'hint' }),
      el('div', { id: 'breakdown-forest' }),
      el('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': 'Results per segment' },
        el('table', { id: 'breakdown' },
          headers(['Segment'], ['Visitors', 'num'], ['Conversions', 'num'], ['Conversion rate', 'num'],
            ["Treatments against the segment's Control"]),
          el('tbody')))),
  );
}

let tipCount = 0;

/**
 * A term with its one-sentence explanation: focusable, and described by a tooltip shown on hover and
 * on keyboard focus (dashboard.css), so that screen readers read it too.
 */
export function term(label, explanation) {
  const wrapper = element('span', null, 'term');
  const name = element('span', label, 'term-name');
  name.tabIndex = 0;
  const tip = element('span', explanation, 'tooltip');
  tip.id = `tip-${++tipCount}`;
  tip.setAttribute('role', 'tooltip');
  name.setAttribute('aria-describedby', tip.id);
  wrapper.append(name, tip);
  return wrapper;
}

export function clearResult() {
  clearChildren($('result').tBodies[0]);
  clearChildren($('result').tFoot);
  clearChildren($('verdicts'));
  clearForest($('forest'));
  clearForest($('breakdown-forest'));
  $('result-summary').textContent = '';
  $('statistics-summary').textContent = '';
  $('srm').hidden = true;
  clearChildren($('breakdown').tBodies[0]);
  $('breakdown-section').hidden = true;
  clearTimeseries();
}

export function renderResult(result) {
  clearResult();
  const goal = result.goal ? result.goal.goal_name : 'no goal';
  $('result-summary').textContent = `Goal: ${goal} · running ${formatCount(result.days_running)} `
    + `${result.days_running === 1 ? 'day' : 'days'}`;
  const revenue = result.has_revenue === true;
  for (const header of document.querySelectorAll('#result .revenue')) header.hidden = !revenue;
  const rows = $('result').tBodies[0];
  for (const variant of result.variants) {
    const row = element('tr');
    row.dataset.variant = variant.variant_id;
    cell(row, variant.name, 'variant');
    cell(row, formatCount(variant.visitors), 'num visitors');
    cell(row, formatCount(variant.conversions), 'num conversions');
    // No visitor, no rate: a dash rather than 0.00 %.
    cell(row, variant.visitors > 0 ? formatPercent(variant.conversion_rate) : '—', 'num rate');
    lift(cell(row, null, 'num improvement'), variant.is_control, variant.improvement);
    if (revenue) {
      cell(row, formatMoney(variant.rpv, result.currency), 'num rpv');
      lift(cell(row, null, 'num rpv-improvement'), variant.is_control, variant.revenue_per_visitor_improvement);
    }
    rows.append(row);
  }
  const total = element('tr');
  cell(total, 'Total');
  cell(total, formatCount(result.total_visitors), 'num visitors');
  cell(total, formatCount(result.total_conversions), 'num conversions');
  cell(total, '');
  cell(total, '');
  if (revenue) {
    cell(total, formatMoney(result.rpv, result.currency), 'num rpv');
    cell(total, '');
  }
  $('result').tFoot.append(total);
  renderVerdicts(result);
  renderSrm(result.srm);
  renderBreakdown(result);
  // For the browser test's measurement of the time to an interactive view (docs/dashboard.md).
  performance.mark('uplift:results-rendered');
}

function lift(node, isControl, value) {
  node.textContent = isControl ? 'baseline' : formatLift(value);
  if (!isControl && isNumber(value)) node.classList.add(value >= 0 ? 'up' : 'down');
}

/** One card per treatment: the verdict, its reason, the lift, the engine's numbers, the others folded. */
function renderVerdicts(result) {
  const treatments = result.variants.filter((variant) => !variant.is_control);
  const first = treatments.length ? verdictOf(treatments[0], result) : null;
  const engine = first ? first.engineLabel : (result.stats_engine === 'frequentist' ? 'Frequentist' : 'Bayesian');
  $('statistics-summary').textContent = `${engine} engine · ${formatCount(result.confidence_threshold_percent)} % `
    + 'threshold · the engine the experiment was created with';
  const cards = $('verdicts');
  const plotted = [];
  for (const variant of treatments) {
    const verdict = verdictOf(variant, result);
    cards.append(verdictCard(variant, verdict));
    if (verdict.interval && verdict.estimate !== null && variant.statistics?.estimable !== false) {
      plotted.push({ label: variant.name, estimate: verdict.estimate, interval: verdict.interval, kind: verdict.kind });
    }
  }
  if (first) {
    const interval = first.engine === 'bayesian' ? 'credible' : 'confidence';
    drawForest($('forest'), plotted, `Lift against Control with its ${result.confidence_threshold_percent}% `
      + `${interval} interval; the line at 0 is no change`);
  }
}

function verdictCard(variant, verdict) {
  const card = element('article', null, `verdict verdict-${verdict.kind}`);
  card.dataset.variant = variant.variant_id;
  card.dataset.verdict = verdict.kind;
  if (verdict.reason) card.dataset.reason = verdict.reason;
  const heading = element('h3');
  heading.append(element('span', variant.name, 'verdict-name'), ' ',
    element('span', verdict.label, `badge badge-${verdict.kind}`));
  const liftLine = element('p', null, 'verdict-lift');
  liftLine.append(term('Lift', EXPLAIN.lift), ' ', element('strong', verdict.liftText, `lift ${verdict.direction}`));
  const reason = element('p', verdict.reasonText, 'verdict-reason');
  const numbers = numberList(verdict.headline);
  numbers.classList.add('headline');
  const more = element('details');
  more.append(element('summary', `${verdict.otherLabel} numbers`), numberList(verdict.other));
  card.append(heading, liftLine, reason, numbers, more);
  return card;
}

function numberList(numbers) {
  const list = element('dl', null, 'numbers');
  for (const number of numbers) {
    const name = element('dt');
    name.append(term(number.label, number.explain));
    const value = element('dd', number.value);
    value.dataset.key = number.key;
    list.append(name, value);
  }
  return list;
}

/**
 * One row per segment (its totals, each treatment's verdict within the segment and the p-value
 * across segments), and one forest plot of every segment's treatments.
 */
function renderBreakdown(result) {
  if (!Array.isArray(result.breakdowns)) return;
  $('breakdown-summary').textContent = `By ${result.breakdown_by}, largest segment first; each segment against its own `
    + 'Control. "across segments" is the p-value Holm-adjusted over every treatment of every segment.';
  const rows = $('breakdown').tBodies[0];
  const plotted = [];
  const many = result.variants.length > 2;
  for (const segment of result.breakdowns) {
    const row = element('tr');
    row.dataset.segment = segment.criteria;
    cell(row, segment.criteria, 'segment');
    cell(row, formatCount(segment.total_visitors), 'num visitors');
    cell(row, formatCount(segment.total_conversions), 'num conversions');
    cell(row, formatPercent(segment.conversion_rate), 'num rate');
    const treatments = segment.variants.filter((variant) => !variant.is_control).map((variant) => {
      const verdict = verdictOf(variant, result, segment.srm);
      if (variant.statistics?.estimable === false) return `${variant.name}: too little data`;
      plotted.push({ label: many ? `${segment.criteria} · ${variant.name}` : segment.criteria,
        estimate: verdict.estimate, interval: verdict.interval, kind: verdict.kind });
      return `${variant.name}: ${verdict.label.toLowerCase()}, ${verdict.liftText} (across segments p `
        + `${formatPValue(variant.statistics?.p_value_segments_adjusted)})`;
    });
    cell(row, treatments.join('; '), 'treatments');
    rows.append(row);
  }
  $('breakdown-section').hidden = false;
  drawForest($('breakdown-forest'), plotted.slice(0, 30), `Lift per ${result.breakdown_by} against the `
    + `segment's Control${plotted.length > 30 ? ' (the 30 largest)' : ''}`);
}

function renderSrm(srm) {
  const warning = $('srm');
  if (!srm || !srm.detected) {
    warning.hidden = true;
    return;
  }
  const weights = (srm.expected_weights || []).map((weight) => formatPercent(weight * 100)).join(' / ');
  warning.textContent = `Sample ratio mismatch: the visitors are not split as configured (${weights}); `
    + `p = ${formatPValue(srm.p_value)}. Check the assignment before trusting these results. ${EXPLAIN.srm}`;
  warning.hidden = false;
}

// ---- over time -------------------------------------------------------------------------------

let charts = [];
// Bumped on every clear, so that a chart still loading for an earlier result is dropped.
let generation = 0;

function clearTimeseries() {
  generation += 1;
  for (const chart of charts) chart.destroy();
  charts = [];
  const section = $('timeseries-section');
  if (!section) return;
  section.hidden = true;
  clearChildren($('chart-rate'));
  clearChildren($('chart-lift'));
}

/** The day of a timeseries row, as YYYY-MM-DD. */
function dayOf(row) {
  return String(row.date || row.day || row.start_date || row.created_at || '').slice(0, 10);
}

/**
 * The cumulative conversion rate per variant and each treatment's cumulative lift with its
 * always-valid interval, per day, from a body of GET .../timeseries; null when it has no cumulative
 * fields.
 */
export function timeseriesSeries(body, result) {
  const rows = Array.isArray(body?.timeseries) ? body.timeseries : [];
  const usable = rows.filter((row) => dayOf(row) && isNumber(row.cumulative_conversion_rate));
  if (usable.length === 0) return null;
  const days = [...new Set(usable.map(dayOf))].sort();
  const index = new Map(days.map((day, position) => [day, position]));
  const column = () => days.map(() => null);
  const rate = new Map();
  const lifts = new Map();
  for (const row of usable) {
    const id = String(row.variant_id);
    if (!rate.has(id)) rate.set(id, column());
    rate.get(id)[index.get(dayOf(row))] = row.cumulative_conversion_rate;
    const interval = row.cumulative_confidence_interval;
    if (id !== '0' && isNumber(row.cumulative_improvement)) {
      if (!lifts.has(id)) lifts.set(id, { values: column(), low: column(), high: column() });
      const line = lifts.get(id);
      line.values[index.get(dayOf(row))] = row.cumulative_improvement;
      if (Array.isArray(interval) && interval.length === 2) {
        line.low[index.get(dayOf(row))] = interval[0];
        line.high[index.get(dayOf(row))] = interval[1];
      }
    }
  }
  const name = (id) => (result.variants.find((variant) => variant.variant_id === id) || { name: `Variant ${id}` }).name;
  const ids = [...rate.keys()].sort((a, b) => Number(a) - Number(b));
  return {
    days,
    rate: ids.map((id) => ({ label: name(id), values: rate.get(id) })),
    lift: [...lifts.keys()].sort((a, b) => Number(a) - Number(b)).map((id) => ({
      label: name(id), values: lifts.get(id).values, band: [lifts.get(id).low, lifts.get(id).high],
    })),
  };
}

/** Starts loading the chart library for a timeseries that has rows to draw, while the rest loads. */
export function preloadCharts(body) {
  if (Array.isArray(body?.timeseries) && body.timeseries.length > 0) loadUPlot().catch(() => {});
}

/** Draws the charts over time when the timeseries has cumulative rows; hides them otherwise. */
export async function renderTimeseries(body, result) {
  clearTimeseries();
  const series = timeseriesSeries(body, result);
  if (!series) return;
  const section = $('timeseries-section');
  section.hidden = false;
  $('timeseries-summary').textContent = `${series.days.length} ${series.days.length === 1 ? 'day' : 'days'}, `
    + 'cumulative up to each day. The shaded band is the always-valid interval of the lift: '
    + 'it stays correct however often you look.';
  const drawing = generation;
  const keep = (chart) => {
    if (drawing === generation) charts.push(chart); else chart.destroy();
  };
  keep(await lineChart($('chart-rate'), { title: 'Cumulative conversion rate', days: series.days,
    series: series.rate, unit: '%' }));
  if (series.lift.length && drawing === generation) {
    keep(await lineChart($('chart-lift'), { title: 'Cumulative lift against Control', days: series.days,
      series: series.lift, unit: '%' }));
  }
  performance.mark('uplift:charts-rendered');
}
