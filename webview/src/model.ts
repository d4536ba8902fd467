import { analyze, catalogLoss, descend, evaluators, ExpressionError, isLogitActivation, plotData, symbolValues } from '../../src/core';
import type { Analysis, AnalyzeOptions, DescentPath, LogitView, PlotData } from '../../src/core';
import { parameterLabel } from './format';
import { analysisKey, PAGE_ANALYSIS_BUDGET_MS, pageAnalysisOptions } from './initialAnalysis';
import { logitAnalysis } from './logitModel';
import type { DescentSettings, PreviewState, PreviewView } from './protocol';

export const DEFAULT_SAMPLES = 1000;


export interface OverlayPlot {
  data: PlotData;
  label: string;
  /** The standard loss's analysis in the shown view, and the values used for its symbols. */
  analysis: Analysis;
  values: Record<string, number>;
}

/**
 * The page's data: the state it was given, the analysis of its expression, the slider values and the
 * x range. The range stays put while sliders move, so the curve moves instead of the axes.
 */
export class PreviewModel {
  readonly state: PreviewState;
  /** The analysis against the prediction. */
  analysis: Analysis | null = null;
  /** The same loss against the logit, computed when first shown. */
  private logitCache: { view: LogitView; analysis: Analysis } | null | undefined;
  error: string | null = null;
  values: Record<string, number> = {};
  private ranges: Partial<Record<PreviewView, { lo: number; hi: number }>> = {};
  private overlayCache: { key: string; analysis: Analysis } | undefined;

  constructor(state: PreviewState) {
    this.state = { ...state, options: { ...state.options }, values: { ...state.values } };
    this.analyse();
  }

  get samples(): number {
    const n = this.state.samples ?? DEFAULT_SAMPLES;
    return Math.max(50, Math.min(20_000, Math.round(Number.isFinite(n) ? n : DEFAULT_SAMPLES)));
  }

  /**
   * Analyses the expression with the current parameter values. The target keeps its whole range unless
   * the state pinned it (`--set y=1`); then the slider's value is the pin.
   */
  analyse(): void {
    const fixed = this.state.options.set ?? {};
    const chosen = { ...this.state.values, ...this.values };
    const run = (names: readonly string[]) => {
      const set = { ...fixed };
      for (const name of [...names, ...Object.keys(fixed)]) if (Number.isFinite(chosen[name])) set[name] = chosen[name];
      const initial = this.state.initial;
      if (initial && initial.key === analysisKey(this.state, set)) return initial.analysis;
      return analyze(this.state.expression, pageAnalysisOptions(this.state, set));
    };
    try {
      let analysis = run(this.analysis?.roles.parameters ?? []);
      if (analysis.parameters.some((p) => Number.isFinite(chosen[p.name]) && chosen[p.name] !== p.value)) analysis = run(analysis.roles.parameters);
      this.analysis = analysis;
      this.values = symbolValues(analysis, { ...fixed, ...chosen });
      this.logitCache = undefined;
      this.error = null;
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      this.analysis = null;
      this.logitCache = null;
      this.error = `${err.message} (column ${err.column})`;
    }
  }

  setValue(name: string, value: number): void {
    this.values[name] = value;
  }

  setOverlay(id: string | undefined): void {
    this.state.overlay = id || undefined;
  }

  /** Replaces the expression (a fix was applied) and starts afresh. */
  setExpression(expression: string): void {
    this.state.expression = expression;
    this.ranges = {};
    this.overlayCache = undefined;
    this.analyse();
  }

  /** Whether the loss can be shown against the logit: its output activation has one. */
  get hasLogit(): boolean {
    return isLogitActivation(this.analysis?.activation);
  }

  /** The loss against the logit z, when the activation has one. */
  get logit(): { view: LogitView; analysis: Analysis } | null {
    if (this.logitCache === undefined) this.logitCache = this.analysis ? logitAnalysis(this.analysis, PAGE_ANALYSIS_BUDGET_MS) : null;
    return this.logitCache;
  }

  /** The view shown: the logit view only when the activation has a logit. */
  get view(): PreviewView {
    return this.state.view === 'logit' && this.hasLogit && this.logit ? 'logit' : 'prediction';
  }

  setView(view: PreviewView): void {
    this.state.view = view;
  }

  /** The analysis the plot, the sliders' ranges and the descent use: against ŷ, or against z. */
  get shown(): Analysis | null {
    return this.view === 'logit' ? (this.logit?.analysis ?? null) : this.analysis;
  }

  plot(): PlotData | null {
    const analysis = this.shown;
    if (!analysis) return null;
    const view = this.view;
    if (view === 'logit') this.ranges.logit ??= logitRange(analysis, this.values);
    const data = plotData(analysis, { values: this.values, count: this.samples, range: this.ranges[view] });
    this.ranges[view] ??= data.range;
    return data;
  }

  get plotRange(): { lo: number; hi: number } | undefined {
    return this.ranges[this.view];
  }

  /** The prediction's plot range, which the target slider spans in either view. */
  get predictionRange(): { lo: number; hi: number } | undefined {
    return this.ranges.prediction;
  }

  overlay(): OverlayPlot | undefined {
    const loss = this.state.overlay ? catalogLoss(this.state.overlay) : undefined;
    const range = this.plotRange;
    if (!loss || !this.analysis || !range) return undefined;
    const key = `${loss.id} ${JSON.stringify(this.analysis.domain)} ${this.view}`;
    try {
      if (this.overlayCache?.key !== key) {
        const options: AnalyzeOptions = { wrt: loss.prediction, set: loss.parameters, budgetMs: PAGE_ANALYSIS_BUDGET_MS };
        if (this.analysis.activation) options.activation = this.analysis.activation;
        else options.domain = this.analysis.domain;
        const base = analyze(loss.expression, options);
        const shown = this.view === 'logit' ? logitAnalysis(base, PAGE_ANALYSIS_BUDGET_MS)?.analysis : base;
        if (!shown) return undefined;
        this.overlayCache = { key, analysis: shown };
      }
      const parameters: Record<string, number> = {};
      for (const [name, v] of Object.entries(loss.parameters)) parameters[name] = this.values[name] ?? v;
      const target = this.analysis.roles.target;
      const values = target !== undefined ? { ...parameters, y: this.values[target] } : parameters;
      const data = plotData(this.overlayCache.analysis, { values, count: this.samples, range });
      const params = Object.entries(parameters).map(([k, v]) => parameterLabel(k, v));
      return { data, label: [loss.name, ...params].join(', '), analysis: this.overlayCache.analysis, values: data.values };
    } catch (err) {
      if (err instanceof ExpressionError) return undefined;
      throw err;
    }
  }

  /** The descent panel's settings in the shown view: as the person left them, else a start that is confidently wrong. */
  descentSettings(): Required<DescentSettings> {
    const view = this.view;
    const saved = this.state.descent?.[view];
    const start = saved?.start ?? this.defaultStart();
    const steps = saved?.steps ?? 30;
    return { start, rate: saved?.rate ?? this.defaultRate(start), steps };
  }

  /** A learning rate whose first step covers about a twentieth of the plot (1 on the logit, where σ' ≤ ¼ keeps steps small). */
  private defaultRate(start: number): number {
    const analysis = this.shown;
    const range = this.plotRange;
    if (this.view === 'logit' || !analysis || !range) return this.view === 'logit' ? 1 : 0.1;
    const e = cachedEvaluators(analysis);
    const g = Math.abs(e.gradient(e.variables.map((v, i) => (i === 0 ? start : (this.values[v] ?? 0)))));
    if (!Number.isFinite(g) || g === 0) return 0.1;
    const rate = (0.05 * (range.hi - range.lo)) / g;
    return Number(Math.min(1, Math.max(1e-4, rate)).toPrecision(1));
  }

  setDescent(settings: DescentSettings): void {
    this.state.descent = { ...this.state.descent, [this.view]: { ...settings } };
  }

  private defaultStart(): number {
    const analysis = this.analysis;
    const range = this.plotRange ?? { lo: -1, hi: 1 };
    const target = analysis?.roles.target !== undefined ? this.values[analysis.roles.target] : undefined;
    if (this.view === 'logit') {
      const high = this.analysis?.activation === 'tanh' ? 0 : 0.5;
      return target !== undefined && target < high ? 4 : -4;
    }
    const [lo, hi] = analysis?.domain ?? [null, null];
    if (lo !== null && hi !== null) return target !== undefined && target >= (lo + hi) / 2 ? lo + 0.05 * (hi - lo) : hi - 0.05 * (hi - lo);
    const centre = target ?? (range.lo + range.hi) / 2;
    return Number((centre + 0.35 * (range.hi - range.lo)).toPrecision(3));
  }

  /** Gradient descent from the panel's start on the shown loss (and on the compared standard loss). */
  descent(data: PlotData, overlay: OverlayPlot | undefined): { main: DescentPath; overlay?: DescentPath } | undefined {
    const analysis = this.shown;
    if (!analysis) return undefined;
    const settings = this.descentSettings();
    const reference = descentReference(data);
    const run = (a: Analysis, values: Record<string, number>) => {
      const e = cachedEvaluators(a);
      const vals = e.variables.map((v, i) => (i === 0 ? 0 : (values[v] ?? 0)));
      const [lo, hi] = a.domain;
      return descend(e.loss, e.gradient, { ...settings, values: vals, domain: { lo: lo ?? -Infinity, hi: hi ?? Infinity }, reference });
    };
    return { main: run(analysis, this.values), overlay: overlay ? run(overlay.analysis, overlay.values) : undefined };
  }

  snapshot(): PreviewState {
    const { initial: _initial, ...state } = this.state;
    return { ...state, values: { ...this.values } };
  }
}

/** The logit's range: where the activation turns from one end to the other, widened to the nearest float32 hazard. */
function logitRange(analysis: Analysis, values: Record<string, number>): { lo: number; hi: number } {
  const base = analysis.activation === 'tanh' ? 4 : 8;
  const wide = plotData(analysis, { values, count: 160, range: { lo: -40, hi: 40 } });
  let lo = -base;
  let hi = base;
  for (const zone of wide.zones) {
    if (zone.lo > hi && zone.lo < 30) hi = Math.max(hi, zone.lo + 4);
    if (zone.hi < lo && zone.hi > -30) lo = Math.min(lo, zone.hi - 4);
  }
  return { lo, hi };
}

const evaluatorCache = new WeakMap<Analysis, ReturnType<typeof evaluators>>();

/** Compiled loss and gradient, once per analysis. */
export function cachedEvaluators(analysis: Analysis): ReturnType<typeof evaluators> {
  let e = evaluatorCache.get(analysis);
  if (!e) {
    e = evaluators(analysis);
    evaluatorCache.set(analysis, e);
  }
  return e;
}

function descentReference(data: PlotData): { minLoss: number; lossSpread: number; xSpan: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of data.series.loss) {
    if (v === null) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { minLoss: Number.isFinite(min) ? min : 0, lossSpread: Number.isFinite(max - min) ? max - min : 0, xSpan: data.range.hi - data.range.lo };
}

