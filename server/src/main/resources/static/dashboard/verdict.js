// The verdict on each treatment, in plain words, from a result of GET .../result (docs/api.md §2, §6):
// the one place that decides what the dashboard and the share page call a winner, a loser or "keep
// running", and which numbers they put up front. No DOM, so Node tests can load it.

import { formatPValue, formatPercent, isNumber } from './format.js';

export const WINNER = 'winner';
export const LOSER = 'loser';
export const KEEP_RUNNING = 'keep-running';

/** Why a treatment is neither a winner nor a loser yet. */
export const NOT_ENOUGH_DATA = 'not-enough-data';
export const CROSSES_ZERO = 'interval-crosses-zero';
export const SRM = 'srm';

/** One sentence per statistic, for the tooltips next to each number. */
export const EXPLAIN = {
  lift: 'How much higher (or lower) the treatment\'s conversion rate is than Control\'s, relative to Control.',
  chance: 'The probability, under the Bayesian model, that this treatment truly converts better than Control.',
  loss: 'The lift you would give up on average by choosing this treatment if it is in fact worse than Control.',
  credible: 'The range that holds the true lift with the threshold\'s probability under the Bayesian model.',
  pValue: 'How often a difference at least this large would appear if the treatment changed nothing; '
    + 'below 1 − threshold counts as significant.',
  holm: 'Holm-adjusted: corrected for comparing several treatments with Control at once, '
    + 'so that one of them looking good by chance is not called a winner.',
  confidence: 'The range of lifts compatible with the data at the threshold\'s confidence level.',
  sequential: 'Always-valid (sequential): the interval stays correct however often you look at it, '
    + 'so checking daily does not inflate false winners.',
  srm: 'Visitors are not split between the variants as configured, which points to a bug in assignment or '
    + 'tracking that can bias every number.',
};

const LABELS = { [WINNER]: 'Winner', [LOSER]: 'Loser', [KEEP_RUNNING]: 'Keep running' };

const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** A lift in percent, rounded to what a reader can use: "44%", "4.5%", "-0.3%". */
export function percent(value) {
  if (!isNumber(value)) return '—';
  const rounded = (Math.abs(value) >= 10 ? whole : oneDecimal).format(value);
  return `${rounded === '-0' ? '0' : rounded}%`;
}

/** "+44% (13% to 74%)": the estimate signed, then the interval. */
export function liftText(estimate, interval) {
  if (!isNumber(estimate)) return '—';
  const head = `${estimate > 0 && percent(estimate) !== '0%' ? '+' : ''}${percent(estimate)}`;
  return Array.isArray(interval) && interval.length === 2
    ? `${head} (${percent(interval[0])} to ${percent(interval[1])})` : head;
}

function direction(value) {
  if (!isNumber(value) || value === 0) return 'flat';
  return value > 0 ? 'up' : 'down';
}

/**
 * The verdict on one treatment of a result (or of one segment of a breakdown, passing that segment's
 * srm): its kind, a label, the reason in a sentence, the lift with the engine's interval, the
 * engine's own statistics up front and the other engine's behind a disclosure.
 */
export function verdictOf(variant, result, srm = result.srm) {
  const stats = variant.statistics || {};
  const bayesian = result.stats_engine !== 'frequentist';
  const threshold = isNumber(result.confidence_threshold_percent) ? result.confidence_threshold_percent : 95;
  const holm = isNumber(stats.p_value_adjusted);
  const pValue = holm ? stats.p_value_adjusted : stats.p_value;
  const alpha = (100 - threshold) / 100;
  const estimate = bayesian ? stats.lift : (isNumber(variant.improvement) ? variant.improvement : stats.lift);
  const interval = bayesian ? stats.credible_interval : stats.confidence_interval;
  const family = familyOf(stats);

  const bayesianNumbers = [
    { key: 'chance', label: 'Chance to beat Control', value: formatPercent(stats.chance_to_beat_control),
      explain: EXPLAIN.chance },
    { key: 'loss', label: 'Expected loss', value: formatPercent(stats.expected_loss), explain: EXPLAIN.loss },
    { key: 'credible', label: `${threshold}% credible interval`, value: liftText(stats.lift, stats.credible_interval),
      explain: EXPLAIN.credible },
  ];
  const frequentistNumbers = [
    { key: 'p-value', label: holm ? 'p-value (Holm-adjusted)' : 'p-value', value: formatPValue(pValue),
      explain: holm ? `${EXPLAIN.pValue} ${EXPLAIN.holm}` : EXPLAIN.pValue },
    { key: 'confidence',
      label: `${threshold}% ${stats.sequential ? 'always-valid confidence interval' : 'confidence interval'}`,
      value: liftText(isNumber(variant.improvement) ? variant.improvement : stats.lift, stats.confidence_interval),
      explain: stats.sequential ? `${EXPLAIN.confidence} ${EXPLAIN.sequential}` : EXPLAIN.confidence },
  ];
  if (holm && isNumber(stats.p_value)) {
    frequentistNumbers.push({ key: 'p-value-raw', label: 'p-value before adjustment', value: formatPValue(stats.p_value),
      explain: EXPLAIN.pValue });
  }

  let kind = KEEP_RUNNING;
  let reason;
  let reasonText;
  if (stats.estimable === false || !variant.statistics) {
    reason = NOT_ENOUGH_DATA;
    reasonText = 'Not enough data yet: Control and this treatment both need visitors and conversions.';
  } else if (srm && srm.detected) {
    reason = SRM;
    reasonText = `Sample ratio mismatch (p = ${formatPValue(srm.p_value)}): the split is not as configured, `
      + 'so no call can be made until assignment is fixed.';
  } else if (stats.significant && family && family.pValue >= alpha) {
    // In a breakdown or among several metrics, one comparison out of many looking significant is
    // expected by chance: it counts only when it holds once every comparison is taken into account.
    reason = CROSSES_ZERO;
    reasonText = `Significant in this ${family.one} alone, but not once every ${family.one} is counted: `
      + `p = ${formatPValue(family.pValue)} across ${family.many} (Holm-adjusted), not below `
      + `${formatPValue(alpha)}.`;
  } else if (stats.significant) {
    // The engine's own decision, and its direction: a significant drop is a loser, never a winner.
    const up = bayesian ? stats.chance_to_beat_control >= 50 : direction(estimate) === 'up';
    kind = up ? WINNER : LOSER;
    reasonText = bayesian
      ? `${formatPercent(stats.chance_to_beat_control)} chance to beat Control, `
        + `${up ? 'above' : 'below'} the ${threshold}% threshold${up ? '' : ' on the other side'}.`
      : `p = ${formatPValue(pValue)}${holm ? ' (Holm-adjusted)' : ''}, below ${formatPValue(alpha)}: `
        + `the ${threshold}% interval lies ${up ? 'above' : 'below'} zero.`;
  } else {
    reason = CROSSES_ZERO;
    reasonText = bayesian
      ? `The interval still crosses zero: ${formatPercent(stats.chance_to_beat_control)} chance to beat Control, `
        + `short of the ${threshold}% needed either way.`
      : `The interval still crosses zero: p = ${formatPValue(pValue)}${holm ? ' (Holm-adjusted)' : ''}, `
        + `not below ${formatPValue(alpha)}.`;
  }

  return {
    kind,
    label: LABELS[kind],
    reason: reason || null,
    reasonText,
    engine: bayesian ? 'bayesian' : 'frequentist',
    engineLabel: bayesian ? 'Bayesian' : 'Frequentist',
    estimate: isNumber(estimate) ? estimate : null,
    interval: Array.isArray(interval) && interval.length === 2 ? interval : null,
    liftText: stats.estimable === false ? '—' : liftText(estimate, interval),
    direction: stats.estimable === false ? 'flat' : direction(estimate),
    headline: bayesian ? bayesianNumbers : frequentistNumbers,
    other: bayesian ? frequentistNumbers : bayesianNumbers,
    otherLabel: bayesian ? 'Frequentist' : 'Bayesian',
    holm,
  };
}

/**
 * The p-value adjusted over a family wider than the treatments of one result, when there is one:
 * across the segments of a breakdown, or across the metrics of GET .../metrics.
 */
function familyOf(stats) {
  if (isNumber(stats.p_value_segments_adjusted)) {
    return { pValue: stats.p_value_segments_adjusted, one: 'segment', many: 'segments' };
  }
  if (isNumber(stats.p_value_metrics_adjusted)) {
    return { pValue: stats.p_value_metrics_adjusted, one: 'metric', many: 'metrics' };
  }
  return null;
}

/** The verdicts of every treatment of a result, in its order. */
export function verdicts(result) {
  return result.variants.filter((variant) => !variant.is_control).map((variant) => ({
    variant, verdict: verdictOf(variant, result),
  }));
}
