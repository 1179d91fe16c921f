// The experiment view's secondary goals, from GET .../metrics (docs/api.md §2.2): one row per goal
// and treatment with the verdict, the lift with its interval and revenue per visitor, each goal
// counted over the same visitors, window, segment and report phase as the result above it, and its
// p-value Holm-adjusted across every metric and treatment.

import { $, el } from './dom.js';
import { formatMoney, formatPValue, formatPercent, isNumber } from './format.js';
import { CROSSES_ZERO, EXPLAIN, NOT_ENOUGH_DATA, SRM, liftText, verdictOf } from './verdict.js';
import { term } from './results-view.js';

/** The result's parameters that the metrics route takes too: not the goal, not a breakdown. */
export function metricsQuery(query) {
  const kept = new URLSearchParams(query);
  kept.delete('goal_key');
  kept.delete('breakdown_by');
  return kept;
}

/** Builds the section's skeleton into container. */
export function mountMetrics(container) {
  container.replaceChildren(el('div', { id: 'metrics-section', hidden: true },
    el('h2', { id: 'metrics-title' }, 'Secondary goals'),
    el('p', { id: 'metrics-summary', class: 'hint' }),
    el('div', { id: 'metrics-scroll', class: 'scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'metrics-title' },
      el('table', { id: 'metrics' }, el('thead'), el('tbody')))));
}

export function clearMetrics() {
  const section = $('metrics-section');
  if (!section) return;
  section.hidden = true;
  $('metrics').tHead.replaceChildren();
  $('metrics').tBodies[0].replaceChildren();
  $('metrics-summary').textContent = '';
}

/** Why a treatment of a metric is not called yet, in a few words. */
function shortReason(verdict, stats) {
  if (verdict.reason === NOT_ENOUGH_DATA) return 'not enough data';
  if (verdict.reason === SRM) return 'sample ratio mismatch';
  if (verdict.reason === CROSSES_ZERO && stats.significant) return 'not significant across metrics';
  return verdict.reason ? 'interval crosses zero' : '';
}

/**
 * The rows of the table from a body of GET .../metrics: per metric computed, per treatment, its
 * verdict (judged with the result's engine, threshold and sample-ratio check, and called only when
 * its p-value Holm-adjusted across metrics holds), lift, rates and revenue per visitor.
 */
export function metricRows(body, result) {
  const context = { stats_engine: result.stats_engine, confidence_threshold_percent: result.confidence_threshold_percent,
    srm: result.srm };
  const definitions = new Map((body.metric_definitions || []).map((definition) => [definition.metric_key, definition]));
  const rows = [];
  for (const metric of body.metric_results || []) {
    const definition = definitions.get(metric.metric_key) || {};
    const control = metric.variants.find((variant) => variant.is_control) || metric.variants[0];
    const revenue = metric.variants.some((variant) => isNumber(variant.rpv));
    for (const variant of metric.variants.filter((candidate) => !candidate.is_control)) {
      const stats = variant.statistics || {};
      const verdict = verdictOf(variant, context);
      rows.push({
        goalKey: metric.metric_key,
        goalName: definition.name || metric.metric_key,
        variantId: variant.variant_id,
        treatment: variant.name,
        verdict,
        note: shortReason(verdict, stats),
        rate: variant.visitors > 0 ? variant.conversion_rate : null,
        controlRate: control && control.visitors > 0 ? control.conversion_rate : null,
        pAcrossMetrics: stats.p_value_metrics_adjusted ?? null,
        revenue: revenue ? {
          rpv: variant.rpv,
          controlRpv: control ? control.rpv : null,
          currency: variant.currency || (control && control.currency),
          liftText: liftText(variant.revenue_per_visitor_improvement, variant.revenue_statistics?.confidence_interval),
          direction: !isNumber(variant.revenue_per_visitor_improvement) || variant.revenue_per_visitor_improvement === 0
            ? 'flat' : (variant.revenue_per_visitor_improvement > 0 ? 'up' : 'down'),
        } : null,
      });
    }
  }
  return rows;
}

/** The sentence above the table: what is counted, and over how many comparisons Holm adjusts. */
export function metricsSummary(body, result) {
  const metrics = (body.metric_results || []).length;
  if ((body.metric_count || 0) === 0 || metrics === 0) {
    return 'No secondary goals: attach some with Edit to watch guardrail metrics here.';
  }
  const treatments = result.variants.filter((variant) => !variant.is_control).length;
  const comparisons = metrics * treatments;
  return `Each goal counted like its own result, over the same visitors. p-values Holm-adjusted across ${metrics} `
    + `${metrics === 1 ? 'metric' : 'metrics'}${treatments > 1 ? ` and ${treatments} treatments (${comparisons} comparisons)` : ''}`
    + ': a goal is called only when it holds across them all.';
}

/** Fills the section from a body of GET .../metrics and the result shown above it. */
export function renderMetrics(body, result) {
  clearMetrics();
  const rows = metricRows(body, result);
  const revenue = rows.some((row) => row.revenue);
  $('metrics-summary').textContent = metricsSummary(body, result);
  $('metrics-section').hidden = false;
  $('metrics-scroll').hidden = rows.length === 0;
  const header = (label, className, explanation) => el('th', { class: className, scope: 'col' },
    explanation ? term(label, explanation) : label);
  const threshold = isNumber(result.confidence_threshold_percent) ? result.confidence_threshold_percent : 95;
  $('metrics').tHead.append(el('tr', {}, ...[
    header('Goal'), header('Treatment'), header('Verdict'),
    header('Lift', 'num', `${EXPLAIN.lift} With its ${threshold}% interval, as on the verdict cards.`),
    header('Conversion rate', 'num', 'The treatment\'s conversion rate on this goal, then Control\'s.'),
    header('p across metrics', 'num', `${EXPLAIN.pValue} Holm-adjusted across every metric and treatment listed, `
      + 'so that one guardrail looking bad by chance is not taken for a real effect.'),
    revenue ? header('Revenue per visitor', 'num', 'Revenue of the goal\'s orders per visitor: the treatment\'s, '
      + 'then Control\'s.') : null,
    revenue ? header('RPV lift', 'num', 'The relative lift of revenue per visitor over Control, with its '
      + 'confidence interval.') : null,
  ].filter(Boolean)));
  const tbody = $('metrics').tBodies[0];
  for (const row of rows) {
    const tr = el('tr', { 'data-goal': row.goalKey, 'data-variant': row.variantId, 'data-verdict': row.verdict.kind });
    tr.append(
      el('th', { scope: 'row', class: 'goal' }, row.goalName),
      el('td', { class: 'treatment' }, row.treatment),
      el('td', { class: 'verdict' }, el('span', { class: `badge badge-${row.verdict.kind}` }, row.verdict.label),
        row.note ? el('span', { class: 'hint small' }, ` ${row.note}`) : ''),
      el('td', { class: `num lift ${row.verdict.direction}` }, row.verdict.liftText),
      el('td', { class: 'num rate' }, `${formatPercent(row.rate)} vs ${formatPercent(row.controlRate)}`),
      el('td', { class: 'num p-metrics' }, formatPValue(row.pAcrossMetrics)),
    );
    if (revenue) {
      tr.append(
        el('td', { class: 'num rpv' }, row.revenue
          ? `${formatMoney(row.revenue.rpv, row.revenue.currency)} vs ${formatMoney(row.revenue.controlRpv, row.revenue.currency)}`
          : '—'),
        el('td', { class: `num rpv-lift ${row.revenue ? row.revenue.direction : ''}` }, row.revenue ? row.revenue.liftText : '—'),
      );
    }
    tbody.append(tr);
  }
}
