/** Linear scales, "nice" tick positions and tick labels for the loss plots. */

export interface Scale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  invert(pixel: number): number;
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const k = (r1 - r0) / span;
  const scale = ((v: number) => r0 + (v - d0) * k) as Scale;
  Object.defineProperties(scale, {
    domain: { value: [d0, d1] as const },
    range: { value: [r0, r1] as const },
    invert: { value: (px: number) => d0 + (px - r0) / k },
  });
  return scale;
}

/** The tick step of about `count` ticks over [lo, hi]: 1, 2 or 5 times a power of ten. */
export function tickStep(lo: number, hi: number, count: number): number {
  const raw = Math.abs(hi - lo) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f >= 7.5 ? 10 : f >= 3.5 ? 5 : f >= 1.5 ? 2 : 1) * power;
}

export function niceTicks(lo: number, hi: number, count: number): number[] {
  const step = tickStep(lo, hi, count);
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last && ticks.length < 50; i++) ticks.push(snap(i * step, step));
  return ticks;
}

/** Widens [lo, hi] outwards to whole tick steps, so the axis ends on a labelled tick. */
export function niceExtent(lo: number, hi: number, count: number): [number, number] {
  if (lo === hi) return lo === 0 ? [-1, 1] : [lo - Math.abs(lo) * 0.5, hi + Math.abs(hi) * 0.5];
  const step = tickStep(lo, hi, count);
  return [snap(Math.floor(lo / step + 1e-9) * step, step), snap(Math.ceil(hi / step - 1e-9) * step, step)];
}

/** A tick label with as many decimals as the step needs; exponent form for very large or small numbers. */
export function formatTick(value: number, step: number): string {
  if (value === 0) return '0';
  const magnitude = Math.max(Math.abs(value), step);
  if (magnitude >= 1e5 || step < 1e-4) return trimExponent(value.toExponential(Math.max(0, digitsOf(step / 10 ** Math.floor(Math.log10(magnitude))))));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return minus(value.toFixed(decimals));
}

/** A readout value: 4 significant digits, exponent form outside [1e-3, 1e5). */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  if (value === 0) return '0';
  const a = Math.abs(value);
  if (a >= 1e5 || a < 1e-3) return trimExponent(value.toExponential(3).replace(/\.?0+e/, 'e'));
  return minus(String(Number(value.toPrecision(4))));
}

function digitsOf(ratio: number): number {
  const s = Number(ratio.toPrecision(3)).toString();
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

function trimExponent(s: string): string {
  return minus(s.replace('e+', 'e'));
}

function minus(s: string): string {
  return s.replace(/^-/, '−');
}

/** Removes floating-point noise from a multiple of `step` (0.30000000000000004 → 0.3). */
function snap(v: number, step: number): number {
  return Math.abs(v) < step * 1e-6 ? 0 : Number(v.toPrecision(12));
}
