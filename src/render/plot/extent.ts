/**
 * The y range worth showing for a series. Losses often run off to infinity at a domain end (-log(p) at
 * p = 0, a gradient -1/p): the few samples out there must not flatten the rest of the curve. Trimmed
 * quantiles decide the range; the true extremes are kept when they are not far outside it; zero is
 * included when it is near, so a loss sits on its floor and the gradient's sign is visible.
 */
export type Extent = [number, number];

export interface ExtentOptions {
  /** Fraction trimmed from each end before the outliers test. Default 0.03. */
  trim?: number;
  /** Keep an extreme when it lies within this many trimmed spans of the trimmed range. Default 3. */
  reach?: number;
}

export function robustExtent(values: readonly (number | null)[], options: ExtentOptions = {}): Extent | null {
  const finite: number[] = [];
  for (const v of values) if (v !== null && Number.isFinite(v)) finite.push(v);
  if (finite.length === 0) return null;
  finite.sort((a, b) => a - b);
  const n = finite.length;
  const trim = options.trim ?? 0.03;
  const reach = options.reach ?? 3;
  const min = finite[0];
  const max = finite[n - 1];
  let lo = finite[Math.min(n - 1, Math.floor(n * trim))];
  let hi = finite[Math.max(0, Math.ceil(n * (1 - trim)) - 1)];
  const span = hi - lo || Math.abs(hi) || 1;
  if (min >= lo - reach * span) lo = min;
  if (max <= hi + reach * span) hi = max;
  if (lo > 0 && lo <= (hi - lo) * 1.5) lo = 0;
  if (hi < 0 && -hi <= (hi - lo) * 1.5) hi = 0;
  if (lo === hi) return lo === 0 ? [-1, 1] : [lo - Math.abs(lo) * 0.5, hi + Math.abs(hi) * 0.5];
  const pad = (hi - lo) * 0.04;
  return [lo === 0 ? 0 : lo - pad, hi === 0 ? 0 : hi + pad];
}

export function unionExtent(a: Extent | null, b: Extent | null): Extent | null {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}
