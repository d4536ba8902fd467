import { describeDescent, type DescentPath } from '../../src/core';
import { formatValue } from '../../src/render/plot/scale';
import { h } from './elements';
import type { DescentSettings } from './protocol';

/**
 * The descent panel: a start, a learning rate and a number of steps; Run plays the path step by step on
 * the plot, Step advances it by one, Reset goes back to the start. A sentence says what happened and a
 * table reads out every step (x, L, ∂L/∂x and the step −η·∂L/∂x), the current one marked.
 */
export interface DescentHandlers {
  onChange(settings: DescentSettings): void;
  onRun(): void;
  onStep(): void;
  onReset(): void;
}

export interface DescentPanel {
  element: HTMLElement;
  /** Shows the path up to step `shown` (and the comparison's, when there is one). */
  show(path: DescentPath, shown: number, comparison?: { label: string; path: DescentPath }): void;
  setPlaying(playing: boolean): void;
}

const RATE_MIN = -4;
const RATE_MAX = 1;

export function descentPanel(variable: string, settings: Required<DescentSettings>, handlers: DescentHandlers): DescentPanel {
  const current = { ...settings };
  const field = (label: string, input: HTMLInputElement, hint?: string) =>
    h('label', { class: 'll-descent-field' }, [h('span', { class: 'll-descent-label', text: label }), input, ...(hint ? [h('span', { class: 'll-muted', text: hint })] : [])]);
  const start = h('input', { class: 'll-descent-start', attrs: { type: 'number', step: 'any', 'aria-label': `Start ${variable}` } });
  start.value = String(current.start);
  const rate = h('input', { class: 'll-descent-rate', attrs: { type: 'range', min: String(RATE_MIN), max: String(RATE_MAX), step: '0.05', 'aria-label': 'Learning rate η (logarithmic)' } });
  rate.value = String(Math.log10(current.rate));
  const rateValue = h('output', { class: 'll-descent-rate-value', text: formatValue(current.rate) });
  const steps = h('input', { class: 'll-descent-steps', attrs: { type: 'number', min: '1', max: '500', step: '1', 'aria-label': 'Number of steps' } });
  steps.value = String(current.steps);
  const changed = () => handlers.onChange({ ...current });
  start.addEventListener('change', () => {
    const v = Number(start.value);
    if (start.value.trim() === '' || !Number.isFinite(v)) return start.setAttribute('aria-invalid', 'true');
    start.removeAttribute('aria-invalid');
    current.start = v;
    changed();
  });
  rate.addEventListener('input', () => {
    current.rate = Number((10 ** Number(rate.value)).toPrecision(3));
    rateValue.textContent = formatValue(current.rate);
    changed();
  });
  steps.addEventListener('change', () => {
    const v = Math.round(Number(steps.value));
    if (!Number.isFinite(v) || v < 1 || v > 500) return steps.setAttribute('aria-invalid', 'true');
    steps.removeAttribute('aria-invalid');
    current.steps = v;
    changed();
  });
  const run = h('button', { class: 'll-button ll-descent-run', attrs: { type: 'button' }, text: 'Run' });
  const step = h('button', { class: 'll-button ll-button-secondary ll-descent-step', attrs: { type: 'button' }, text: 'Step' });
  const reset = h('button', { class: 'll-button ll-button-secondary ll-descent-reset', attrs: { type: 'button' }, text: 'Reset' });
  run.addEventListener('click', () => handlers.onRun());
  step.addEventListener('click', () => handlers.onStep());
  reset.addEventListener('click', () => handlers.onReset());
  const outcome = h('p', { class: 'll-descent-outcome', attrs: { role: 'status', 'aria-live': 'polite' } });
  const compare = h('p', { class: 'll-descent-compare ll-muted' });
  const body = h('tbody');
  const table = h('table', { class: 'll-descent-table' }, [
    h('thead', {}, [h('tr', {}, ['k', variable, 'L', `∂L/∂${variable}`, `−η·∂L/∂${variable}`].map((t) => h('th', { attrs: { scope: 'col' }, text: t })))]),
    body,
  ]);
  const scroller = h('div', { class: 'll-descent-scroll', attrs: { tabindex: '0', 'aria-label': 'Descent steps' } }, [table]);
  const element = h('section', { class: 'll-card ll-descent', attrs: { 'aria-label': 'Gradient descent' } }, [
    h('h2', { class: 'll-section-title', text: 'Gradient descent' }),
    h('div', { class: 'll-descent-controls' }, [
      field(`start ${variable}₀`, start),
      h('label', { class: 'll-descent-field' }, [h('span', { class: 'll-descent-label', text: 'learning rate η' }), rate, rateValue]),
      field('steps', steps),
      h('div', { class: 'll-descent-buttons', attrs: { role: 'group', 'aria-label': 'Descent' } }, [run, step, reset]),
    ]),
    outcome,
    compare,
    scroller,
  ]);
  let rows = '';
  return {
    element,
    show(path, shown, comparison) {
      const upto = Math.min(shown, path.x.length - 1);
      const done = upto === path.x.length - 1;
      outcome.textContent = done ? describeDescent(path, variable) : `Step ${upto} of ${path.x.length - 1}.`;
      compare.textContent = comparison && done ? `${comparison.label}: ${describeDescent(comparison.path, variable)}` : '';
      const markup: string[] = [];
      for (let k = 0; k <= upto; k++) {
        const next = k < path.x.length - 1 ? path.x[k + 1] - path.x[k] : NaN;
        const cells = [String(k), formatValue(path.x[k]), formatValue(path.loss[k]), formatValue(path.gradient[k]), Number.isFinite(next) ? formatValue(next) : '—'];
        markup.push(`<tr${k === upto ? ' class="ll-descent-current"' : ''}>${cells.map((c) => `<td>${escapeCell(c)}</td>`).join('')}</tr>`);
      }
      const html = markup.join('');
      if (html !== rows) {
        body.innerHTML = html;
        rows = html;
        scroller.scrollTop = scroller.scrollHeight;
      }
    },
    setPlaying(playing) {
      run.textContent = playing ? 'Pause' : 'Run';
      run.setAttribute('aria-pressed', String(playing));
    },
  };
}

function escapeCell(s: string): string {
  return s.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}
