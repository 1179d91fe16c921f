// Number and date formats shared by the dashboard and the share page; no DOM, so Node tests can load it.

// Numbers and dates follow the page's language (English), so that they read like the labels around them.
const LOCALE = (typeof document !== 'undefined' && document.documentElement.lang) || 'en';
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signedTwoDecimals = new Intl.NumberFormat(LOCALE, {
  minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero',
});
const pValueFormat = new Intl.NumberFormat(LOCALE, { maximumSignificantDigits: 4 });
const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

export const isNumber = (value) => typeof value === 'number' && Number.isFinite(value);
export const formatCount = (value) => (isNumber(value) ? integer.format(value) : '—');
export const formatPercent = (value) => (isNumber(value) ? `${twoDecimals.format(value)} %` : '—');
export const formatLift = (value) => (isNumber(value) ? `${signedTwoDecimals.format(value)} %` : '—');
export const formatPValue = (value) => {
  if (!isNumber(value)) return '—';
  return value < 0.0001 ? '< 0.0001' : pValueFormat.format(value);
};
export const formatInterval = (pair) => (Array.isArray(pair) && pair.length === 2
  ? `${formatLift(pair[0])} to ${formatLift(pair[1])}` : '—');
export const formatDate = (iso) => (iso ? dateFormat.format(new Date(iso)) : '—');

/** An amount in the currency's format ("$3.58"); with a code the browser does not know, 2 decimals. */
export function formatMoney(value, currency) {
  if (!isNumber(value)) return '—';
  try {
    return new Intl.NumberFormat(LOCALE, { style: 'currency', currency: currency || 'USD' }).format(value);
  } catch {
    return value.toFixed(2);
  }
}
