import { CATALOG, symbolLatex, type Analysis, type CatalogLoss } from '../../src/core';
import { formatValue } from '../../src/render/plot/scale';
import { h } from './elements';
import { symbolText } from './format';
import { renderTex } from './formulasView';
import { fromPosition, toPosition, type SliderSpec } from './sliderSpecs';

export interface ControlsHandlers {
  /** A slider moved: redraw now. */
  onInput(name: string, value: number): void;
  /** The move ended (release, key press, typed value): re-analyse and save. */
  onCommit(): void;
  onOverlay(id: string): void;
}

const GROUPS: { label: string; kinds: CatalogLoss['predictionKind'][] }[] = [
  { label: 'Regression', kinds: ['real', 'nonnegative'] },
  { label: 'Probabilities', kinds: ['probability'] },
  { label: 'Logits', kinds: ['logits'] },
  { label: 'Margins (scores)', kinds: ['score'] },
];

/** Sliders with typed-number readouts for the target and every parameter, and the overlay picker. */
export function controlsSection(analysis: Analysis, specs: SliderSpec[], values: Record<string, number>, overlay: string | undefined, handlers: ControlsHandlers): HTMLElement {
  const rows = specs.map((spec) => sliderRow(analysis, spec, values[spec.name] ?? 0, handlers));
  const children: (Node | string)[] = [h('h2', { class: 'll-section-title', text: 'Values' })];
  if (rows.length) children.push(h('div', { class: 'll-sliders' }, rows));
  else children.push(h('p', { class: 'll-muted', text: 'The loss depends on the prediction alone.' }));
  children.push(overlayPicker(overlay, handlers));
  return h('section', { class: 'll-card ll-controls', attrs: { 'aria-label': 'Values and comparison' } }, children);
}

function sliderRow(analysis: Analysis, spec: SliderSpec, value: number, handlers: ControlsHandlers): HTMLElement {
  const id = `ll-slider-${spec.name}`;
  const name = symbolText(spec.name);
  const symbol = h('span', { class: 'll-slider-symbol' });
  renderTex(symbol, symbolLatex(spec.name, { prediction: analysis.roles.prediction, target: analysis.roles.target }), false);
  const label = h('label', { class: 'll-slider-label', attrs: { for: id } }, [
    symbol,
    h('span', { class: 'll-slider-role', text: spec.role === 'target' ? 'target' : spec.name === name ? 'parameter' : spec.name }),
  ]);
  const range = h('input', {
    attrs: { type: 'range', id, min: String(spec.min), max: String(spec.max), step: String(spec.step), 'data-symbol': spec.name },
  });
  range.value = String(toPosition(spec, value));
  const number = h('input', {
    class: 'll-slider-number',
    attrs: { type: 'number', step: 'any', 'aria-label': `${spec.role === 'target' ? 'Target' : 'Parameter'} ${name} value`, 'data-symbol': spec.name },
  });
  const show = (v: number) => {
    number.value = String(v);
    range.setAttribute('aria-valuetext', `${name} = ${formatValue(v)}`);
  };
  show(value);
  range.addEventListener('input', () => {
    const v = fromPosition(spec, Number(range.value));
    show(v);
    handlers.onInput(spec.name, v);
  });
  range.addEventListener('change', () => handlers.onCommit());
  number.addEventListener('change', () => {
    const v = Number(number.value);
    if (number.value.trim() === '' || !Number.isFinite(v)) {
      number.setAttribute('aria-invalid', 'true');
      return;
    }
    number.removeAttribute('aria-invalid');
    range.value = String(toPosition(spec, v));
    range.setAttribute('aria-valuetext', `${name} = ${formatValue(v)}`);
    handlers.onInput(spec.name, v);
    handlers.onCommit();
  });
  const scale = h('div', { class: 'll-slider-scale', attrs: { 'aria-hidden': 'true' } }, [
    h('span', { text: formatValue(fromPosition(spec, spec.min)) }),
    h('span', { text: formatValue(fromPosition(spec, spec.max)) }),
  ]);
  return h('div', { class: `ll-slider ll-slider-${spec.role}` }, [label, h('div', { class: 'll-slider-track' }, [range, scale]), number]);
}

function overlayPicker(current: string | undefined, handlers: ControlsHandlers): HTMLElement {
  const select = h('select', { attrs: { id: 'll-overlay' } }, [h('option', { text: 'None', attrs: { value: '' } })]);
  for (const group of GROUPS) {
    const losses = CATALOG.filter((l) => group.kinds.includes(l.predictionKind));
    const options = losses.map((l) => h('option', { text: l.name, attrs: { value: l.id } }));
    select.append(h('optgroup', { attrs: { label: group.label } }, options));
  }
  select.value = current ?? '';
  select.addEventListener('change', () => handlers.onOverlay(select.value));
  return h('div', { class: 'll-overlay' }, [h('label', { attrs: { for: 'll-overlay' }, text: 'Compare with a standard loss' }), select]);
}
