import type { Domain } from './domain';

/**
 * The x range to plot: the domain where it is finite, otherwise a window around the target and the kinks
 * wide enough to show the loss's shape on both sides.
 */
export function plotRange(domain: Domain, focus: readonly number[] = []): { lo: number; hi: number } {
  const [dlo, dhi] = domain;
  if (dlo !== null && dhi !== null) return { lo: dlo, hi: dhi };
  const points = focus.filter(Number.isFinite);
  const center = points.length ? (Math.min(...points) + Math.max(...points)) / 2 : 0;
  const spread = points.length ? Math.max(...points) - Math.min(...points) : 0;
  const half = Math.max(3, spread * 1.5);
  let lo = dlo ?? center - half;
  let hi = dhi ?? center + half;
  if (dlo !== null && dhi === null) hi = Math.max(dlo + 2 * half, ...points.map((p) => p + half));
  if (dhi !== null && dlo === null) lo = Math.min(dhi - 2 * half, ...points.map((p) => p - half));
  return { lo, hi };
}
