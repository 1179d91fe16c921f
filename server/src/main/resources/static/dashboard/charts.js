// Charts of the experiment view and the share page. The forest plot (lift with its interval per row)
// is plain SVG; the charts over time use uPlot (static/dashboard/vendor/, see docs/dashboard.md),
// loaded from this server on first use. Colours come from classes in dashboard.css: the pages' CSP
// allows no inline style attributes.

import { element } from './dom.js';
import { percent } from './verdict.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Up to about six round ticks covering [low, high]. */
export function ticks(low, high) {
  const span = high - low || 1;
  const raw = span / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw);
  const values = [];
  for (let value = Math.ceil(low / step) * step; value <= high + step / 1e6; value += step) {
    values.push(Number((Math.round(value / step) * step).toPrecision(12)) || 0);
  }
  return values;
}

/**
 * A forest plot: one row per entry ({ label, estimate, interval: [low, high], kind }), the lift in
 * percent against a zero line, drawn for the given width in pixels. Returns a figure whose SVG scales
 * with its container.
 */
export function forestPlot(rows, caption, available = 640) {
  const figure = element('figure', null, 'forest');
  const plotted = rows.filter((row) => row.interval && Number.isFinite(row.estimate));
  // Drawn at the width it is shown at (within limits), so that its text keeps the page's size.
  const width = Math.round(Math.min(Math.max(available, 300), 760));
  const rowHeight = 34;
  const top = 10;
  const axis = 28;
  const left = Math.round(Math.min(190, width * 0.36));
  const maxLabel = Math.floor(left / 8);
  const right = 24;
  const height = top + Math.max(plotted.length, 1) * rowHeight + axis;
  const values = plotted.flatMap((row) => [row.interval[0], row.interval[1], row.estimate]).concat(0);
  let low = Math.min(...values);
  let high = Math.max(...values);
  const pad = (high - low) * 0.08 || 5;
  low -= pad;
  high += pad;
  const x = (value) => left + ((value - low) / (high - low)) * (width - left - right);

  const summary = plotted.map((row) => `${row.label}: ${percent(row.estimate)} `
    + `(${percent(row.interval[0])} to ${percent(row.interval[1])})`).join('; ');
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'forest-svg',
    'aria-label': `${caption}. ${summary || 'No estimable treatment yet.'}` });
  const bottom = top + Math.max(plotted.length, 1) * rowHeight;
  for (const tick of ticks(low, high)) {
    chart.append(svg('line', { x1: x(tick), x2: x(tick), y1: top, y2: bottom, class: tick === 0 ? 'zero' : 'grid' }));
    chart.append(svg('text', { x: x(tick), y: bottom + 18, class: 'tick', 'text-anchor': 'middle' },
      `${tick > 0 ? '+' : ''}${percent(tick)}`));
  }
  plotted.forEach((row, index) => {
    const y = top + index * rowHeight + rowHeight / 2;
    const group = svg('g', { class: `forest-row forest-${row.kind}` });
    group.append(svg('title', {}, `${row.label}: ${percent(row.estimate)} `
      + `(${percent(row.interval[0])} to ${percent(row.interval[1])})`));
    group.append(svg('text', { x: left - 10, y: y + 5, class: 'label', 'text-anchor': 'end' },
      row.label.length > maxLabel ? `${row.label.slice(0, maxLabel - 1)}…` : row.label));
    group.append(svg('line', { x1: x(row.interval[0]), x2: x(row.interval[1]), y1: y, y2: y, class: 'interval' }));
    group.append(svg('circle', { cx: x(row.estimate), cy: y, r: 6, class: 'estimate' }));
    chart.append(group);
  });
  if (plotted.length === 0) {
    chart.append(svg('text', { x: width / 2, y: top + rowHeight / 2 + 5, 'text-anchor': 'middle', class: 'tick' },
      'No estimable treatment yet'));
  }
  figure.append(chart, element('figcaption', caption));
  return figure;
}

const drawn = new WeakMap();
const resizes = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => {
  for (const entry of entries) {
    const plot = drawn.get(entry.target);
    // Redrawn at the new width when it changed noticeably (a phone turned, a window resized).
    if (plot && entry.target.clientWidth > 0 && Math.abs(plotWidth(entry.target) - plot.width) > 40) {
      drawForest(entry.target, plot.rows, plot.caption);
    }
  }
});

/** The width a plot in container is shown at, less the figure's padding. */
function plotWidth(container) {
  return container.clientWidth > 0 ? container.clientWidth - 26 : 640;
}

/** Draws a forest plot into container at its width, and again whenever that width changes. */
export function drawForest(container, rows, caption) {
  const width = plotWidth(container);
  container.replaceChildren(forestPlot(rows, caption, width));
  if (!drawn.has(container) && resizes) resizes.observe(container);
  drawn.set(container, { rows, caption, width });
}

/** Empties container and forgets its plot. */
export function clearForest(container) {
  drawn.delete(container);
  container.replaceChildren();
}

let uPlotLoad = null;

/** Loads the vendored uPlot and its stylesheet once; resolves to the uPlot constructor. */
export function loadUPlot() {
  if (!uPlotLoad) {
    const base = new URL('./vendor/', import.meta.url);
    uPlotLoad = new Promise((resolve, reject) => {
      const styles = document.createElement('link');
      styles.rel = 'stylesheet';
      styles.href = new URL('uPlot.min.css', base).href;
      document.head.append(styles);
      const script = document.createElement('script');
      script.src = new URL('uPlot.iife.min.js', base).href;
      script.onload = () => resolve(window.uPlot);
      script.onerror = () => reject(new Error('The chart library did not load'));
      document.head.append(script);
    });
  }
  return uPlotLoad;
}

const SERIES_CLASSES = ['#5b6475', '#2563eb', '#c2410c', '#7c3aed', '#0f766e'];

/** The width a line chart gets in its container: inside its padding, within limits. */
function chartWidth(container) {
  return Math.max(260, Math.min((container.clientWidth || 656) - 16, 900));
}

/**
 * A line chart over days with uPlot: days as ISO dates, series as { label, values, band: [lows, highs] }
 * (band optional). Resolves to the chart once drawn into container.
 */
export async function lineChart(container, { title, days, series, unit }) {
  const UPlot = await loadUPlot();
  const times = days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000);
  const data = [times];
  const options = {
    title,
    width: chartWidth(container),
    height: 240,
    tzDate: (ts) => UPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    // Half a day either side of the days shown: a single day would otherwise stretch the axis over years.
    scales: { x: { time: true, range: () => [times[0] - 43200, times[times.length - 1] + 43200] } },
    axes: [{}, { values: (u, values) => values.map((v) => `${+v.toFixed(2)}${unit}`), size: 60 }],
    series: [{}],
    bands: [],
  };
  series.forEach((line, index) => {
    const colour = SERIES_CLASSES[index % SERIES_CLASSES.length];
    data.push(line.values);
    options.series.push({ label: line.label, stroke: colour, width: 2, value: (u, v) => (v == null ? '—' : `${v.toFixed(2)}${unit}`) });
    if (line.band) {
      const lowIndex = data.length;
      data.push(line.band[0], line.band[1]);
      options.series.push({ label: `${line.label} low`, stroke: colour, dash: [4, 4], width: 1, show: true },
        { label: `${line.label} high`, stroke: colour, dash: [4, 4], width: 1, show: true });
      options.bands.push({ series: [lowIndex + 1, lowIndex], fill: `${colour}22` });
    }
  });
  const chart = new UPlot(options, data, container);
  if (typeof ResizeObserver !== 'undefined') {
    // Drawn again for a new width (a phone turned, a window resized), so that it never scrolls sideways.
    const observer = new ResizeObserver(() => {
      const width = chartWidth(container);
      if (width !== chart.width) chart.setSize({ width, height: options.height });
    });
    observer.observe(container);
    const destroy = chart.destroy.bind(chart);
    chart.destroy = () => {
      observer.disconnect();
      destroy();
    };
  }
  return chart;
}
