import type { PlotData } from '../../src/core';
import { plotLayout, type PlotColors, type PlotInput, type PlotLayout } from '../../src/render/plot/layout';
import { kinkMarkup, markerMarkup, nearestIndex, seriesPath, zoneMarkup } from '../../src/render/plot/paths';
import { formatValue } from '../../src/render/plot/scale';
import { renderPlotSvg } from '../../src/render/plot/svg';
import { h } from './elements';
import type { OverlayPlot } from './model';

/** A descent path drawn on the loss curve, up to step `shown`. */
export interface DescentTrace {
  x: readonly number[];
  loss: readonly number[];
  shown: number;
  role: 'loss' | 'overlay';
}

export interface PlotFrame {
  data: PlotData;
  overlay?: OverlayPlot;
  target?: { x: number; label: string };
  descent?: DescentTrace[];
}

interface Parts {
  svg: SVGSVGElement;
  loss: SVGPathElement;
  gradient: SVGPathElement;
  overlay: SVGPathElement | null;
  overlayLabel: SVGTextElement | null;
  zones: SVGGElement;
  kinks: SVGGElement;
  markers: SVGGElement;
  descent: SVGGElement;
  crosshair: SVGGElement;
}

/**
 * The interactive plot: a full render (renderPlotSvg) when the data's scale may change, and a fast update
 * of path data and marker groups while a slider moves, with the y ranges held. A crosshair follows the
 * pointer or the arrow keys and reads out ŷ, L and ∂L/∂ŷ.
 */
export class PlotView {
  readonly element: HTMLElement;
  private readonly surface: HTMLDivElement;
  private readonly readout: HTMLDivElement;
  private input: PlotInput | undefined;
  private layout: PlotLayout | undefined;
  private parts: Parts | undefined;
  private cursor: number | null = null;
  private frame: PlotFrame | undefined;
  /** The plotted variable's name in the readout: ŷ, or the logit z. */
  private variable = 'ŷ';
  private labels: { x: string; loss: string; gradient: string } | undefined;

  constructor(private readonly colors: () => PlotColors) {
    this.surface = h('div', {
      class: 'll-plot-surface',
      attrs: { tabindex: '0', 'aria-label': 'Plot of the loss and its gradient. Arrow keys move the crosshair.', 'aria-describedby': 'll-readout' },
    });
    this.readout = h('div', { class: 'll-readout', attrs: { id: 'll-readout', 'aria-live': 'polite' } });
    this.element = h('figure', { class: 'll-card ll-plot-card' }, [this.surface, this.readout]);
    this.surface.addEventListener('pointermove', (e) => this.pointAt(e.clientX));
    this.surface.addEventListener('pointerleave', () => this.setCursor(null));
    this.surface.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(([entry]) => this.onResize(entry.contentRect.width)).observe(this.surface);
    this.showReadout(null);
  }

  render(frame: PlotFrame): void {
    this.frame = frame;
    const width = plotWidth(this.surface.clientWidth);
    const height = Math.max(240, Math.min(420, Math.round(width * 0.5)));
    this.input = this.inputFor(frame, width, height, this.colors());
    this.layout = plotLayout(this.input);
    this.surface.innerHTML = renderPlotSvg(this.input);
    this.parts = findParts(this.surface);
    this.drawDescent(frame.descent);
    this.setCursor(this.cursor);
  }

  /** Redraws the descent paths alone (a step of the descent panel); the curves stay. */
  setDescent(descent: DescentTrace[] | undefined): void {
    if (this.frame) this.frame = { ...this.frame, descent };
    this.drawDescent(descent);
  }

  private drawDescent(descent: DescentTrace[] | undefined): void {
    const { parts, layout } = this;
    if (!parts || !layout) return;
    setMarkup(parts.descent, descent ? descent.map((d) => descentMarkup(d, layout)).join('') : '');
  }

  /** Redraws with the current y ranges; falls back to a full render when the picture's structure changes. */
  update(frame: PlotFrame): void {
    const { parts, layout, input } = this;
    if (!parts || !layout || !input || !!frame.overlay !== !!parts.overlay) return this.render(frame);
    this.frame = frame;
    const next = this.inputFor(frame, input.width, input.height, input.colors, layout.extents);
    const l = plotLayout(next);
    const { series } = next;
    setPath(parts.loss, seriesPath(series.x, series.loss, l.x, l.loss));
    setPath(parts.gradient, seriesPath(series.x, series.gradient, l.x, l.gradient));
    if (parts.overlay && next.overlay) {
      setPath(parts.overlay, seriesPath(next.overlay.x, next.overlay.loss, l.x, l.loss));
      if (parts.overlayLabel) parts.overlayLabel.textContent = next.overlay.label;
    }
    setMarkup(parts.zones, zoneMarkup(next.zones, l.x, l.frame, next.colors));
    setMarkup(parts.kinks, kinkMarkup(next.kinks, series.x, series.loss, l.x, l.loss, l.frame, next.colors));
    setMarkup(parts.markers, markerMarkup(next.markers ?? [], l.x, l.frame, next.colors));
    this.input = next;
    this.layout = l;
    this.drawDescent(frame.descent);
    this.setCursor(this.cursor);
  }

  /** The plot as a standalone SVG document in the given colours. */
  exportSvg(colors: PlotColors): string | undefined {
    if (!this.input || !this.layout) return undefined;
    return renderPlotSvg({ ...this.input, colors, extents: this.layout.extents, id: 'loss-lens-plot' });
  }

  get size(): { width: number; height: number } {
    return { width: this.input?.width ?? 640, height: this.input?.height ?? 320 };
  }

  /** What the x axis is: the prediction ŷ, or the logit, with the activation for the legend (σ(z)). */
  setVariable(name: string, activated?: string): void {
    if (name === this.variable) return;
    this.variable = name;
    this.labels = name === 'ŷ' ? undefined : { x: name, loss: `L(${activated ?? name})`, gradient: `∂L/∂${name}` };
    this.readout.replaceChildren();
    this.showReadout(null);
  }

  highlight(diagnostic: number | null): void {
    this.surface.classList.toggle('ll-highlighting', diagnostic !== null);
    for (const zone of this.surface.querySelectorAll<SVGGElement>('.ll-zone')) {
      zone.classList.toggle('ll-zone-active', diagnostic !== null && zone.dataset.diagnostic === String(diagnostic));
    }
  }

  private onResize(width: number): void {
    if (this.frame && this.input && Math.abs(plotWidth(width) - this.input.width) >= 2) this.render(this.frame);
  }

  private inputFor(frame: PlotFrame, width: number, height: number, colors: PlotColors, extents?: PlotLayout['extents']): PlotInput {
    const { data, overlay, target } = frame;
    return {
      series: data.series,
      kinks: data.kinks,
      zones: data.zones,
      range: data.range,
      width,
      height,
      colors,
      overlay: overlay ? { x: overlay.data.series.x, loss: overlay.data.series.loss, label: overlay.label } : undefined,
      markers: target ? [target] : [],
      extents,
      id: 'll-preview-plot',
      ...(this.labels ? { labels: this.labels, title: `Loss and the gradient the weights receive, against the logit ${this.variable}` } : {}),
    };
  }

  private pointAt(clientX: number): void {
    if (!this.parts || !this.layout) return;
    const px = clientX - this.parts.svg.getBoundingClientRect().left;
    const { frame, x } = this.layout;
    this.setCursor(px < frame.left || px > frame.right ? null : x.invert(px));
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.input) return;
    const { lo, hi } = this.input.range;
    const step = ((hi - lo) / 100) * (e.shiftKey ? 10 : 1);
    const from = this.cursor;
    let next: number | null;
    switch (e.key) {
      case 'ArrowLeft':
        next = from === null ? (lo + hi) / 2 : from - step;
        break;
      case 'ArrowRight':
        next = from === null ? (lo + hi) / 2 : from + step;
        break;
      case 'Home':
        next = lo;
        break;
      case 'End':
        next = hi;
        break;
      case 'Escape':
        next = null;
        break;
      default:
        return;
    }
    e.preventDefault();
    this.setCursor(next === null ? null : Math.min(hi, Math.max(lo, next)));
  }

  private setCursor(value: number | null): void {
    this.cursor = value;
    const { parts, layout, input } = this;
    if (!parts || !layout || !input) return;
    if (value === null) {
      parts.crosshair.setAttribute('visibility', 'hidden');
      this.showReadout(null);
      return;
    }
    const { series } = input;
    const i = nearestIndex(series.x, value);
    const x = series.x[i];
    const px = String(Math.round(layout.x(x) * 10) / 10);
    const line = parts.crosshair.querySelector('line');
    line?.setAttribute('x1', px);
    line?.setAttribute('x2', px);
    placeDot(parts.crosshair.querySelector('.ll-crosshair-loss'), px, series.loss[i], layout.loss, layout.frame);
    placeDot(parts.crosshair.querySelector('.ll-crosshair-gradient'), px, series.gradient[i], layout.gradient, layout.frame);
    parts.crosshair.setAttribute('visibility', 'visible');
    this.showReadout({ x, loss: series.loss[i], gradient: series.gradient[i] });
  }

  private showReadout(point: { x: number; loss: number | null; gradient: number | null } | null): void {
    if (!point) {
      if (this.readout.querySelector('.ll-readout-hint')) return;
      this.readout.replaceChildren(h('span', { class: 'll-readout-hint', text: `Point at the plot, or focus it and use ← →, to read ${this.variable}, L and ∂L/∂${this.variable}.` }));
      return;
    }
    const item = (cls: string, label: string, value: number | null) =>
      h('span', { class: `ll-readout-item ${cls}` }, [h('span', { class: 'll-readout-label', text: `${label} = ` }), h('output', { text: formatValue(value) })]);
    this.readout.replaceChildren(
      item('ll-readout-x', this.variable, point.x),
      item('ll-readout-loss', 'L', point.loss),
      item('ll-readout-gradient', `∂L/∂${this.variable}`, point.gradient),
    );
  }
}

function plotWidth(available: number): number {
  return Math.max(280, Math.floor(available || 640));
}

function findParts(root: HTMLElement): Parts {
  const q = <T extends Element>(selector: string) => root.querySelector<T>(selector);
  const must = <T extends Element>(selector: string) => {
    const el = q<T>(selector);
    if (!el) throw new Error(`plot: ${selector} missing`);
    return el;
  };
  return {
    svg: must<SVGSVGElement>('svg'),
    loss: must<SVGPathElement>('.ll-series-loss'),
    gradient: must<SVGPathElement>('.ll-series-gradient'),
    overlay: q<SVGPathElement>('.ll-series-overlay'),
    overlayLabel: q<SVGTextElement>('.ll-legend-overlay text'),
    zones: must<SVGGElement>('.ll-zones'),
    kinks: must<SVGGElement>('.ll-kinks'),
    markers: must<SVGGElement>('.ll-markers'),
    descent: descentGroup(must<SVGGElement>('.ll-markers')),
    crosshair: must<SVGGElement>('.ll-crosshair'),
  };
}

/** The group the descent paths go in, just above the markers, created once per full render. */
function descentGroup(markers: SVGGElement): SVGGElement {
  const group = document.createElementNS('http://www.w3.org/2000/svg', 'g');
  group.setAttribute('class', 'll-descent-paths');
  group.setAttribute('pointer-events', 'none');
  markers.after(group);
  return group;
}

/** A polyline through (x_k, L_k) for the steps shown, a dot per step, the last one ringed. */
function descentMarkup(d: DescentTrace, layout: PlotLayout): string {
  const { frame } = layout;
  const points: string[] = [];
  const dots: string[] = [];
  const upto = Math.min(d.shown, d.x.length - 1);
  for (let k = 0; k <= upto; k++) {
    const px = layout.x(d.x[k]);
    const py = layout.loss(d.loss[k]);
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    const cx = round1(Math.min(frame.right, Math.max(frame.left, px)));
    const cy = round1(Math.min(frame.bottom, Math.max(frame.top, py)));
    points.push(`${cx},${cy}`);
    const inside = px >= frame.left && px <= frame.right && py >= frame.top && py <= frame.bottom;
    dots.push(`<circle class="ll-descent-dot${k === upto ? ' ll-descent-head' : ''}${inside ? '' : ' ll-descent-out'}" cx="${cx}" cy="${cy}" r="${k === upto ? 5 : 3}" data-step="${k}"/>`);
  }
  return `<g class="ll-descent-path ll-descent-${d.role}" data-steps="${upto}"><polyline points="${points.join(' ')}"/>${dots.join('')}</g>`;
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Replaces a group's content when it changed (zones rarely move with a slider). */
const shownMarkup = new WeakMap<Element, string>();

function setMarkup(group: SVGGElement, markup: string): void {
  if ((shownMarkup.get(group) ?? group.innerHTML) === markup) return;
  group.innerHTML = markup;
  shownMarkup.set(group, markup);
}

function setPath(path: SVGPathElement, p: { d: string; points: number }): void {
  path.setAttribute('d', p.d);
  path.setAttribute('data-points', String(p.points));
}

function placeDot(dot: Element | null, px: string, value: number | null, scale: (v: number) => number, frame: { top: number; bottom: number }): void {
  if (!dot) return;
  const py = value === null ? NaN : scale(value);
  const visible = Number.isFinite(py) && py >= frame.top && py <= frame.bottom;
  dot.setAttribute('visibility', visible ? 'inherit' : 'hidden');
  if (visible) {
    dot.setAttribute('cx', px);
    dot.setAttribute('cy', String(Math.round(py * 10) / 10));
  }
}
