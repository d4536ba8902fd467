import { niceExtent, tickStep } from '../../src/render/plot/scale';
import type { Domain } from '../../src/core';

/**
 * The range and step of each slider: the target moves over the prediction's domain (or the plotted part
 * of the real line), parameters over a range typical for their name. A tiny ε gets a logarithmic slider
 * whose left end is exactly 0, so the hazard it guards against can be switched on.
 */
export interface SliderSpec {
  name: string;
  role: 'target' | 'parameter';
  /** Slider positions; for a logarithmic slider these are powers of ten. */
  min: number;
  max: number;
  step: number;
  log: boolean;
}

const UNIT_INTERVAL = new Set(['alpha', 'tau', 'q', 'quantile', 'smoothing', 'label_smoothing']);
const NON_NEGATIVE = new Set([
  'delta', 'gamma', 'beta', 'margin', 'm', 'lambda', 'lam', 'temperature', 'T', 'sigma', 'kappa', 'scale', 's', 'w', 'weight',
  'k', 'eps', 'epsilon', 'rho',
]);

export function targetSlider(name: string, domain: Domain, plotRange: { lo: number; hi: number }): SliderSpec {
  const [dlo, dhi] = domain;
  const [min, max] = dlo !== null && dhi !== null ? [dlo, dhi] : niceExtent(Math.max(plotRange.lo, dlo ?? -Infinity), Math.min(plotRange.hi, dhi ?? Infinity), 10);
  return { name, role: 'target', min, max, step: tickStep(min, max, 200), log: false };
}

/** `DELTA`, `alpha_`: constants as code writes them have the ranges of their names. */
function baseName(name: string): string {
  const bare = name.replace(/_+$/, '');
  return /^[A-Z]{2,}$/.test(bare) ? bare.toLowerCase() : bare;
}

export function parameterSlider(name: string, value: number): SliderSpec {
  const base = baseName(name);
  if (UNIT_INTERVAL.has(base) && value >= 0 && value <= 1) return { name, role: 'parameter', min: 0, max: 1, step: 0.01, log: false };
  if (value > 0 && value < 1e-3) {
    const exponent = Math.log10(value);
    return { name, role: 'parameter', min: Math.min(-12, Math.floor(exponent) - 1), max: Math.max(-1, Math.ceil(exponent)), step: 0.1, log: true };
  }
  const [, hi] = niceExtent(0, Math.max(5, Math.abs(value) * 2.5), 5);
  const min = NON_NEGATIVE.has(base) && value >= 0 ? 0 : -hi;
  return { name, role: 'parameter', min, max: hi, step: tickStep(min, hi, 200), log: false };
}

/** The slider position of a value; for a log slider 0 sits at the left end. */
export function toPosition(spec: SliderSpec, value: number): number {
  if (!spec.log) return value;
  return value <= 0 ? spec.min : Math.log10(value);
}

export function fromPosition(spec: SliderSpec, position: number): number {
  if (!spec.log) return snap(position, spec.step);
  return position <= spec.min ? 0 : Number((10 ** position).toPrecision(3));
}

function snap(v: number, step: number): number {
  return Number((Math.round(v / step) * step).toPrecision(12));
}
