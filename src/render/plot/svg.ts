import { plotLayout, type PlotInput, type PlotLayout } from './layout';
import { escapeXml, kinkMarkup, markerMarkup, round, seriesPath, zoneMarkup } from './paths';
import { formatTick, tickStep } from './scale';

/**
 * Draws a loss plot as an SVG string: loss and gradient against the prediction, gaps where they are not
 * finite, kinks, hazard zones, an optional catalog overlay and target marker.
 *
 * Drawn by hand rather than with a plotting library because one pure renderer has to serve three places:
 * the preview page (in the browser), the small hover plot (an SVG string built in Node, with no DOM) and
 * the "save as SVG" export; the charting libraries need a DOM or a canvas and would not produce the same
 * picture in all three. Every element carries a class for the page's theme CSS and presentation
 * attributes with `colors`, so the string also stands alone as a file. No `style` attributes: the
 * webview's CSP forbids them.
 */
export const SERIES_DASH = { loss: '', gradient: '7 4', overlay: '2 3' } as const;

export const DEFAULT_LABELS = { x: 'ŷ', loss: 'L(ŷ)', gradient: '∂L/∂ŷ' } as const;

const FONT = "system-ui, -apple-system, 'Segoe UI', Ubuntu, sans-serif";

export function renderPlotSvg(input: PlotInput): string {
  const layout = plotLayout(input);
  const { width, height, colors, compact } = input;
  const id = escapeXml(input.id ?? 'll-plot');
  const { frame } = layout;
  const title = input.title ?? 'Loss and gradient against the prediction ŷ';
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="ll-plot${compact ? ' ll-plot-compact' : ''}" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" role="img" font-family="${escapeXml(FONT)}" font-size="${compact ? 9 : 11}">`,
    `<title>${escapeXml(title)}</title>`,
    `<defs><clipPath id="${id}-clip"><rect x="${round(frame.left)}" y="${round(frame.top)}" width="${round(frame.right - frame.left)}" height="${round(frame.bottom - frame.top)}"/></clipPath></defs>`,
  );
  if (colors.background) parts.push(`<rect class="ll-plot-bg" width="${width}" height="${height}" fill="${escapeXml(colors.background)}"/>`);
  parts.push(`<g class="ll-grid">${gridMarkup(input, layout)}</g>`);
  parts.push(`<g class="ll-zones">${zoneMarkup(input.zones, layout.x, frame, colors)}</g>`);
  parts.push(`<g class="ll-axes">${compact ? compactAxes(input, layout) : axesMarkup(input, layout)}</g>`);
  parts.push(`<g class="ll-series" clip-path="url(#${id}-clip)">${seriesMarkup(input, layout)}</g>`);
  parts.push(`<g class="ll-kinks">${kinkMarkup(input.kinks, input.series.x, input.series.loss, layout.x, layout.loss, frame, colors, compact)}</g>`);
  parts.push(`<g class="ll-markers">${compact ? '' : markerMarkup(input.markers ?? [], layout.x, frame, colors)}</g>`);
  if (!compact) {
    parts.push(`<g class="ll-legend">${legendMarkup(input, layout)}</g>`);
    parts.push(crosshairMarkup(input, layout));
  }
  parts.push('</svg>');
  return parts.join('');
}

function seriesMarkup(input: PlotInput, layout: PlotLayout): string {
  const { colors, series, overlay, compact } = input;
  const width = compact ? 1.5 : 2;
  let out = '';
  const g0 = layout.gradient(0);
  if (g0 > layout.frame.top && g0 < layout.frame.bottom) {
    out += `<line class="ll-gradient-zero" x1="${round(layout.frame.left)}" x2="${round(layout.frame.right)}" y1="${round(g0)}" y2="${round(g0)}" stroke="${escapeXml(colors.gradient)}" stroke-opacity="0.7" stroke-width="1" stroke-dasharray="1 3"/>`;
  }
  if (overlay) {
    const p = seriesPath(overlay.x, overlay.loss, layout.x, layout.loss);
    out += pathElement('ll-series-overlay', p, colors.overlay ?? colors.foreground, width, SERIES_DASH.overlay);
  }
  out += pathElement('ll-series-gradient', seriesPath(series.x, series.gradient, layout.x, layout.gradient), colors.gradient, width * 0.85, SERIES_DASH.gradient);
  out += pathElement('ll-series-loss', seriesPath(series.x, series.loss, layout.x, layout.loss), colors.loss, width, SERIES_DASH.loss);
  return out;
}

function pathElement(cls: string, p: { d: string; points: number }, stroke: string, width: number, dash: string): string {
  const dashAttr = dash ? ` stroke-dasharray="${dash}"` : '';
  return `<path class="${cls}" data-points="${p.points}" d="${p.d}" fill="none" stroke="${escapeXml(stroke)}" stroke-width="${width}"${dashAttr} stroke-linejoin="round" stroke-linecap="round"/>`;
}

function gridMarkup(input: PlotInput, layout: PlotLayout): string {
  const { frame, ticks } = layout;
  const stroke = escapeXml(input.colors.grid);
  let out = `<rect x="${round(frame.left)}" y="${round(frame.top)}" width="${round(frame.right - frame.left)}" height="${round(frame.bottom - frame.top)}" fill="none" stroke="${stroke}" stroke-width="1"/>`;
  if (input.compact) return out;
  for (const v of ticks.loss.values) {
    const y = round(layout.loss(v));
    out += `<line x1="${round(frame.left)}" x2="${round(frame.right)}" y1="${y}" y2="${y}" stroke="${stroke}" stroke-width="1"/>`;
  }
  for (const v of ticks.x.values) {
    const x = round(layout.x(v));
    out += `<line x1="${x}" x2="${x}" y1="${round(frame.top)}" y2="${round(frame.bottom)}" stroke="${stroke}" stroke-width="1"/>`;
  }
  return out;
}

function axesMarkup(input: PlotInput, layout: PlotLayout): string {
  const { frame, ticks } = layout;
  const { colors } = input;
  const labels = { ...DEFAULT_LABELS, ...input.labels };
  const fg = escapeXml(colors.foreground);
  let out = `<line class="ll-axis-x" x1="${round(frame.left)}" x2="${round(frame.right)}" y1="${round(frame.bottom)}" y2="${round(frame.bottom)}" stroke="${fg}" stroke-opacity="0.6" stroke-width="1"/>`;
  ticks.x.values.forEach((v, i) => {
    const x = round(layout.x(v));
    out += `<line x1="${x}" x2="${x}" y1="${round(frame.bottom)}" y2="${round(frame.bottom + 4)}" stroke="${fg}" stroke-opacity="0.6"/>`;
    out += `<text class="ll-tick" x="${x}" y="${round(frame.bottom + 16)}" text-anchor="middle" fill="${fg}" fill-opacity="0.8">${escapeXml(ticks.x.labels[i])}</text>`;
  });
  out += `<text class="ll-axis-title" x="${round((frame.left + frame.right) / 2)}" y="${round(frame.bottom + 32)}" text-anchor="middle" fill="${fg}" font-size="12">${escapeXml(labels.x)}</text>`;
  const side = (axis: 'loss' | 'gradient', x: number, anchor: string, colour: string) => {
    const scale = layout[axis];
    ticks[axis].values.forEach((v, i) => {
      out += `<text class="ll-tick ll-tick-${axis}" x="${round(x)}" y="${round(scale(v) + 3.5)}" text-anchor="${anchor}" fill="${escapeXml(colour)}">${escapeXml(ticks[axis].labels[i])}</text>`;
    });
  };
  side('loss', frame.left - 6, 'end', colors.loss);
  side('gradient', frame.right + 6, 'start', colors.gradient);
  return out;
}

function compactAxes(input: PlotInput, layout: PlotLayout): string {
  const { frame } = layout;
  if (input.height < 60) return '';
  const fg = escapeXml(input.colors.foreground);
  const [lo, hi] = layout.x.domain;
  const step = tickStep(lo, hi, 4);
  const y = round(frame.bottom + 10);
  return (
    `<text x="${round(frame.left)}" y="${y}" fill="${fg}" fill-opacity="0.75">${escapeXml(formatTick(lo, step))}</text>` +
    `<text x="${round(frame.right)}" y="${y}" text-anchor="end" fill="${fg}" fill-opacity="0.75">${escapeXml(formatTick(hi, step))}</text>` +
    `<text x="${round((frame.left + frame.right) / 2)}" y="${y}" text-anchor="middle" fill="${fg}" fill-opacity="0.75">${escapeXml(input.labels?.x ?? DEFAULT_LABELS.x)}</text>`
  );
}

function legendMarkup(input: PlotInput, layout: PlotLayout): string {
  const { colors } = input;
  const labels = { ...DEFAULT_LABELS, ...input.labels };
  const entries: { cls: string; label: string; colour: string; dash: string }[] = [
    { cls: 'loss', label: `loss ${labels.loss}`, colour: colors.loss, dash: SERIES_DASH.loss },
    { cls: 'gradient', label: `gradient ${labels.gradient}`, colour: colors.gradient, dash: SERIES_DASH.gradient },
  ];
  if (input.overlay) entries.push({ cls: 'overlay', label: input.overlay.label, colour: colors.overlay ?? colors.foreground, dash: SERIES_DASH.overlay });
  let x = layout.frame.left;
  const y = 14;
  let out = '';
  for (const e of entries) {
    const dash = e.dash ? ` stroke-dasharray="${e.dash}"` : '';
    out += `<g class="ll-legend-${e.cls}"><line x1="${round(x)}" x2="${round(x + 22)}" y1="${y}" y2="${y}" stroke="${escapeXml(e.colour)}" stroke-width="2"${dash}/>`;
    out += `<text x="${round(x + 28)}" y="${y + 4}" fill="${escapeXml(colors.foreground)}">${escapeXml(e.label)}</text></g>`;
    x += 28 + e.label.length * 6.2 + 18;
  }
  return out;
}

function crosshairMarkup(input: PlotInput, layout: PlotLayout): string {
  const { frame } = layout;
  const { colors } = input;
  return (
    `<g class="ll-crosshair" visibility="hidden" pointer-events="none">` +
    `<line class="ll-crosshair-line" x1="0" x2="0" y1="${round(frame.top)}" y2="${round(frame.bottom)}" stroke="${escapeXml(colors.foreground)}" stroke-opacity="0.5" stroke-width="1"/>` +
    `<circle class="ll-crosshair-loss" r="4" cx="0" cy="0" fill="${escapeXml(colors.loss)}" stroke="${escapeXml(colors.background ?? 'none')}" stroke-width="1.5"/>` +
    `<circle class="ll-crosshair-gradient" r="3.5" cx="0" cy="0" fill="${escapeXml(colors.gradient)}" stroke="${escapeXml(colors.background ?? 'none')}" stroke-width="1.5"/>` +
    `</g>`
  );
}
