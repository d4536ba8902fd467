import type { Frame, PlotColors, PlotMarker, PlotZone } from './layout';
import type { Scale } from './scale';

/**
 * The parts of a plot that change when a slider moves, as SVG path data and markup. The renderer builds
 * the whole picture from them; the preview page calls them directly to replace a `d` attribute or one
 * group's content, which keeps a redraw of 2,000 samples well under a frame.
 */
export interface SeriesPath {
  d: string;
  /** Samples drawn (non-null), for tests and screen readers. */
  points: number;
}

/** A polyline through the samples; a null starts a new subpath, so gaps stay gaps. */
export function seriesPath(xs: readonly number[], ys: readonly (number | null)[], x: Scale, y: Scale): SeriesPath {
  const [bottom, top] = y.range;
  const reach = (bottom - top) * 4;
  const min = top - reach;
  const max = bottom + reach;
  let d = '';
  let points = 0;
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const v = ys[i];
    if (v === null || v === undefined) {
      pen = false;
      continue;
    }
    let py = y(v);
    py = py < min ? min : py > max ? max : py;
    d += (pen ? 'L' : 'M') + tenths(x(xs[i])) + ',' + tenths(py);
    pen = true;
    points++;
  }
  return { d, points };
}

/**
 * Shaded bands where a hazard really breaks, with a solid rug on the x axis; at least MIN_ZONE_WIDTH px
 * wide so a zone at a domain end stays visible.
 */
export const MIN_ZONE_WIDTH = 6;

export function zoneMarkup(zones: readonly PlotZone[], x: Scale, frame: Frame, colors: Pick<PlotColors, 'hazard'>): string {
  let out = '';
  for (const z of zones) {
    let x0 = Math.max(frame.left, x(z.lo));
    let x1 = Math.min(frame.right, x(z.hi));
    if (x1 < x0) continue;
    if (x1 - x0 < MIN_ZONE_WIDTH) {
      if (x0 <= frame.left + 1) x1 = x0 + MIN_ZONE_WIDTH;
      else if (x1 >= frame.right - 1) x0 = x1 - MIN_ZONE_WIDTH;
      else [x0, x1] = [(x0 + x1 - MIN_ZONE_WIDTH) / 2, (x0 + x1 + MIN_ZONE_WIDTH) / 2];
    }
    const label = z.code ? `${z.code} for ŷ in [${short(z.lo)}, ${short(z.hi)}]` : 'hazard';
    const diagnostic = z.diagnostic !== undefined ? ` data-diagnostic="${z.diagnostic}"` : '';
    const fill = escapeXml(colors.hazard);
    const [bx, bw] = [round(x0), round(x1 - x0)];
    out +=
      `<g class="ll-zone" data-code="${escapeXml(z.code ?? '')}"${diagnostic}><title>${escapeXml(label)}</title>` +
      `<rect class="ll-zone-band" x="${bx}" y="${round(frame.top)}" width="${bw}" height="${round(frame.bottom - frame.top)}" fill="${fill}" fill-opacity="0.16"/>` +
      `<rect class="ll-zone-rug" x="${bx}" y="${round(frame.bottom - 3)}" width="${bw}" height="3" fill="${fill}"/></g>`;
  }
  return out;
}

/** A dashed line at each kink and a dot where the loss curve passes it. */
export function kinkMarkup(
  kinks: readonly number[],
  xs: readonly number[],
  loss: readonly (number | null)[],
  x: Scale,
  y: Scale,
  frame: Frame,
  colors: Pick<PlotColors, 'kink'>,
  compact = false,
): string {
  let out = '';
  const stroke = escapeXml(colors.kink);
  for (const k of kinks) {
    const px = round(x(k));
    out += `<g class="ll-kink" data-x="${k}"><title>kink at ŷ = ${short(k)}</title>`;
    out += `<line x1="${px}" x2="${px}" y1="${round(frame.top)}" y2="${round(frame.bottom)}" stroke="${stroke}" stroke-width="1" stroke-dasharray="2 3"/>`;
    const v = loss[nearestIndex(xs, k)];
    if (v !== null && v !== undefined) {
      const py = y(v);
      if (py >= frame.top && py <= frame.bottom) {
        out += `<circle cx="${px}" cy="${round(py)}" r="${compact ? 2.5 : 4}" fill="${stroke}" stroke="none"/>`;
      }
    }
    out += '</g>';
  }
  return out;
}

/** Labelled vertical lines (the target's position). */
export function markerMarkup(markers: readonly PlotMarker[], x: Scale, frame: Frame, colors: Pick<PlotColors, 'foreground'>): string {
  let out = '';
  const stroke = escapeXml(colors.foreground);
  for (const m of markers) {
    if (m.x < x.domain[0] || m.x > x.domain[1]) continue;
    const px = round(x(m.x));
    const right = px > frame.right - 40;
    out +=
      `<g class="ll-marker"><line x1="${px}" x2="${px}" y1="${round(frame.top)}" y2="${round(frame.bottom)}" stroke="${stroke}" ` +
      `stroke-opacity="0.45" stroke-width="1"/><text x="${round(right ? px - 4 : px + 4)}" y="${round(frame.top + 12)}" ` +
      `text-anchor="${right ? 'end' : 'start'}" fill="${stroke}" fill-opacity="0.8">${escapeXml(m.label)}</text></g>`;
  }
  return out;
}

/** Index of the sample nearest to `v` (xs ascending). */
export function nearestIndex(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  if (hi < 0) return -1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < v) lo = mid;
    else hi = mid;
  }
  return Math.abs(xs[lo] - v) <= Math.abs(xs[hi] - v) ? lo : hi;
}

/**
 * `round(v)` as text, built from small integers: V8 caches their strings, while printing a fraction costs
 * several times more, and a path of 2,000 samples prints 4,000 numbers.
 */
function tenths(v: number): string {
  const t = Math.round(v * 10);
  const u = t < 0 ? -t : t;
  const whole = (u / 10) | 0;
  const digit = u - whole * 10;
  const text = digit ? whole + '.' + digit : '' + whole;
  return t < 0 ? '-' + text : text;
}

export function round(v: number): number {
  return Math.round(v * 10) / 10;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function short(v: number): string {
  return String(Number(v.toPrecision(4)));
}
