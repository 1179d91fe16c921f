// The parts of an experiment's page that are about running it rather than reading it: preview
// links per arm, the conclusion (winner and note) and the Conclude dialog that asks for them.

import { busy, h, safeHttpUrl } from './ui.js';

/** Preview links of every arm (Get Experiment Preview URLs), or why there are none. */
export async function renderPreviews(testId, api, isCurrent) {
  const list = document.getElementById('preview-links');
  let answer;
  try {
    answer = await api('GET', `/experiment/${testId}/preview-urls`);
  } catch (error) {
    if (!isCurrent()) return;
    // 409: no page URL yet; the editor sets it.
    list.replaceChildren(h('li', { className: 'hint' }, error.status === 409
      ? 'Set the editor page URL (Edit) to get preview links.' : error.message));
    return;
  }
  if (!isCurrent()) return;
  list.replaceChildren(...answer.variants.map((variant) => {
    const url = safeHttpUrl(variant.preview_url);
    const label = variant.nickname ? `${variant.name} (${variant.nickname})` : variant.name;
    return h('li', { dataset: { variant: variant.variant_id } }, url
      ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, `Preview ${label}`)
      : `${label}: ${variant.preview_url}`);
  }));
}

/** "Concluded: winner Variant 1 (Green) · note", or nothing while the experiment runs. */
export function renderConclusion(experiment) {
  const box = document.getElementById('conclusion');
  const conclusion = experiment.conclusion;
  if (experiment.is_completed !== 1 || !conclusion) {
    box.hidden = true;
    return;
  }
  const winner = experiment.variants.find((variant) => variant.variant_id === conclusion.winner_variant_id);
  // A completion rule concludes without a person: it names no winner, and the rule says why.
  const how = experiment.completed_by ? `Concluded by its rule: ${experiment.completed_by}`
    : 'Concluded without a winner';
  box.replaceChildren(h('strong', {}, winner ? `Winner: ${armLabel(winner)}` : how),
    conclusion.note ? h('p', { className: 'note' }, conclusion.note) : null);
  box.hidden = false;
}

/**
 * Asks for the winner and a note in a dialog; resolves once the experiment is concluded (true)
 * or the dialog is cancelled (false).
 */
export function askConclusion(experiment, result, api) {
  const dialog = document.getElementById('conclude-dialog');
  const form = document.getElementById('conclude-form');
  const winner = document.getElementById('conclude-winner');
  const note = document.getElementById('conclude-note');
  const lifts = new Map((result ? result.variants : []).map((variant) => [Number(variant.variant_id), variant.improvement]));
  winner.replaceChildren(h('option', { value: '' }, 'No winner'), ...experiment.variants.map((variant) => {
    const improvement = lifts.get(variant.variant_id);
    const suffix = typeof improvement === 'number' ? ` (${improvement > 0 ? '+' : ''}${improvement} %)` : '';
    return h('option', { value: String(variant.variant_id) }, `${armLabel(variant)}${suffix}`);
  }));
  note.value = '';
  document.getElementById('conclude-name').textContent = experiment.test_name;
  return new Promise((resolve) => {
    const finish = (done) => {
      dialog.close();
      form.onsubmit = null;
      dialog.oncancel = null;
      document.getElementById('conclude-cancel').onclick = null;
      resolve(done);
    };
    form.onsubmit = (event) => {
      event.preventDefault();
      const submit = form.querySelector('button[type=submit]');
      busy(submit, form, async () => {
        const body = { note: note.value };
        if (winner.value !== '') body.winner_variant_id = Number(winner.value);
        await api('POST', `/experiment/${experiment.test_id}/conclude`, body);
        finish(true);
      });
    };
    document.getElementById('conclude-cancel').onclick = () => finish(false);
    dialog.oncancel = (event) => {
      event.preventDefault();
      finish(false);
    };
    dialog.showModal();
    winner.focus();
  });
}

function armLabel(variant) {
  return variant.nickname ? `${variant.name} (${variant.nickname})` : variant.name;
}
