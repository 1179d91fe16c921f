// The experiment view's results: the result table, the statistics per treatment, the SRM warning and
// the breakdown by segment. Shared by the dashboard and the public share page.

import { $, badge, cell, clearChildren, element } from './dom.js';
import { formatCount, formatInterval, formatLift, formatPValue, formatPercent, isNumber } from './format.js';

export function clearResult() {
  clearChildren($('result').tBodies[0]);
  clearChildren($('result').tFoot);
  clearChildren($('statistics').tBodies[0]);
  $('result-summary').textContent = '';
  $('statistics-summary').textContent = '';
  $('srm').hidden = true;
  clearChildren($('breakdown').tBodies[0]);
  $('breakdown-section').hidden = true;
}

export function renderResult(result) {
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
    cell(row, formatPercent(variant.conversion_rate), 'num rate');
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

