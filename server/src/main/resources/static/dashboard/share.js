// The public share page (/share/{test_id}/{token}): reads the page's own JSON twin
// (/share/{test_id}/{token}.json, no key) and shows the same verdict, charts and warnings as the
// dashboard, read only.

import { $ } from './dom.js';
import { mountResults, renderResult } from './results-view.js';

async function load() {
  const json = `${location.pathname}.json`;
  $('share-json').href = json;
  mountResults($('results'));
  let result;
  try {
    const response = await fetch(json, { cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer',
      headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    result = await response.json();
  } catch (error) {
    $('share-name').textContent = 'Results unavailable';
    $('share-error').textContent = `The results could not be loaded (${error.message}). Reload the page to try again.`;
    $('share-error').hidden = false;
    return;
  }
  $('share-name').textContent = result.test_name;
  document.title = `${result.test_name} · Uplift results`;
  const ended = result.end_date ? ` · concluded ${new Date(result.end_date).toLocaleDateString('en')}` : '';
  $('share-meta').textContent = `Status: ${result.status}${ended}`;
  renderResult(result);
  $('share-name').focus();
}

load();
