import { robustExtent, unionExtent, type Extent } from './extent';
import { formatTick, linearScale, niceExtent, niceTicks, tickStep, type Scale } from './scale';

/** What a loss plot shows; the shape of `plotData()` from the core plus size, colours and options. */
export interface PlotSeries {
  x: readonly number[];
  loss: readonly (number | null)[];
  gradient: readonly (number | null)[];
}

export interface PlotOverlay {
  x: readonly number[];
  loss: readonly (number | null)[];
  /** Legend text, e.g. "Huber". */
  label: string;
}

export interface PlotZone {
  lo: number;
  hi: number;
  code?: string;
  /** Index of the diagnostic the zone belongs to. */
  diagnostic?: number;
}

export interface PlotMarker {
  x: number;
  label: string;
}

export interface PlotColors {
  foreground: string;
  loss: string;
  gradient: string;
  grid: string;
  hazard: string;
  kink: string;
  background?: string;
  overlay?: string;
}

export interface PlotInput {
  series: PlotSeries;
  kinks: readonly number[];
  zones: readonly PlotZone[];
  range: { lo: number; hi: number };
  width: number;
  height: number;
  colors: PlotColors;
  /** The hover sparkline: no crosshair, no legend, minimal axes. */
  compact?: boolean;
  overlay?: PlotOverlay;
  /** Labelled vertical lines, e.g. the target. */
  markers?: readonly PlotMarker[];
  labels?: { x?: string; loss?: string; gradient?: string };
  /** Fixed y ranges (the page holds them while a slider is dragged); computed from the data when absent. */
  extents?: { loss?: Extent; gradient?: Extent };
  /** Prefix for element ids, unique per document. Default "ll-plot". */
  id?: string;
  /** Accessible description of the plot. */
  title?: string;
}

export interface Frame {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface AxisTicks {
  values: number[];
  labels: string[];
}

export interface PlotLayout {
  frame: Frame;
  x: Scale;
  loss: Scale;
  gradient: Scale;
  extents: { loss: Extent; gradient: Extent };
  ticks: { x: AxisTicks; loss: AxisTicks; gradient: AxisTicks };
}

const CHAR_WIDTH = 6.4;

export function plotLayout(input: PlotInput): PlotLayout {
  const { width, height, compact } = input;
  const { lo, hi } = input.range;
  const lossExtent = input.extents?.loss ?? unionExtent(robustExtent(input.series.loss), input.overlay ? robustExtent(input.overlay.loss) : null) ?? [0, 1];
  const gradientExtent = input.extents?.gradient ?? robustExtent(input.series.gradient) ?? [-1, 1];
  const yCount = compact ? 2 : Math.max(2, Math.round(height / 48));
  const loss = niceExtent(lossExtent[0], lossExtent[1], yCount);
  const gradient = niceExtent(gradientExtent[0], gradientExtent[1], yCount);
  const lossTicks = axisTicks(loss, yCount);
  const gradientTicks = axisTicks(gradient, yCount);
  const frame = compact
    ? { left: 3, top: 4, right: width - 3, bottom: height - (height >= 60 ? 14 : 3) }
    : {
        left: 14 + labelWidth(lossTicks.labels),
        top: 30,
        right: width - 14 - labelWidth(gradientTicks.labels),
        bottom: height - 38,
      };
  const x = linearScale([lo, hi], [frame.left, frame.right]);
  const xTicks = axisTicks([lo, hi], Math.max(2, Math.round((frame.right - frame.left) / 90)));
  return {
    frame,
    x,
    loss: linearScale(loss, [frame.bottom, frame.top]),
    gradient: linearScale(gradient, [frame.bottom, frame.top]),
    extents: { loss, gradient },
    ticks: { x: xTicks, loss: lossTicks, gradient: gradientTicks },
  };
}

function axisTicks([lo, hi]: readonly [number, number], count: number): AxisTicks {
  const step = tickStep(lo, hi, count);
  const values = niceTicks(lo, hi, count);
  return { values, labels: values.map((v) => formatTick(v, step)) };
}

function labelWidth(labels: readonly string[]): number {
  return Math.ceil(Math.max(2, ...labels.map((l) => l.length)) * CHAR_WIDTH);
}
