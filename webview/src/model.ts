import { analyze, catalogLoss, ExpressionError, isActivation, plotData, symbolValues } from '../../src/core';
import type { Analysis, AnalyzeOptions, PlotData } from '../../src/core';
import { parameterLabel } from './format';
import type { PreviewState } from './protocol';

export const DEFAULT_SAMPLES = 1000;

/**
 * The analysis budget. The core's default (250 ms) suits hovers; the page can wait longer, and its first
 * analysis also pays for mathjs's lazy set-up, which would otherwise cost it kinks and recognition on a
 * busy machine.
 */
const ANALYSIS_BUDGET_MS = 2000;

export interface OverlayPlot {
  data: PlotData;
  label: string;
}

/**
 * The page's data: the state it was given, the analysis of its expression, the slider values and the
 * x range. The range stays put while sliders move, so the curve moves instead of the axes.
 */
export class PreviewModel {
  readonly state: PreviewState;
  analysis: Analysis | null = null;
  error: string | null = null;
  values: Record<string, number> = {};
  private range: { lo: number; hi: number } | undefined;
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
      return analyze(this.state.expression, analysisOptions(this.state, set));
    };
    try {
      let analysis = run(this.analysis?.roles.parameters ?? []);
      if (analysis.parameters.some((p) => Number.isFinite(chosen[p.name]) && chosen[p.name] !== p.value)) analysis = run(analysis.roles.parameters);
      this.analysis = analysis;
      this.values = symbolValues(analysis, { ...fixed, ...chosen });
      this.error = null;
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      this.analysis = null;
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
    this.range = undefined;
    this.overlayCache = undefined;
    this.analyse();
  }

  plot(): PlotData | null {
    if (!this.analysis) return null;
    const data = plotData(this.analysis, { values: this.values, count: this.samples, range: this.range });
    this.range ??= data.range;
    return data;
  }

  get plotRange(): { lo: number; hi: number } | undefined {
    return this.range;
  }

  overlay(): OverlayPlot | undefined {
    const loss = this.state.overlay ? catalogLoss(this.state.overlay) : undefined;
    if (!loss || !this.analysis || !this.range) return undefined;
    const key = `${loss.id} ${JSON.stringify(this.analysis.domain)}`;
    try {
      if (this.overlayCache?.key !== key) {
        const options = { wrt: loss.prediction, domain: this.analysis.domain, set: loss.parameters, budgetMs: ANALYSIS_BUDGET_MS };
        this.overlayCache = { key, analysis: analyze(loss.expression, options) };
      }
      const parameters: Record<string, number> = {};
      for (const [name, v] of Object.entries(loss.parameters)) parameters[name] = this.values[name] ?? v;
      const target = this.analysis.roles.target;
      const values = target !== undefined ? { ...parameters, y: this.values[target] } : parameters;
      const data = plotData(this.overlayCache.analysis, { values, count: this.samples, range: this.range });
      const params = Object.entries(parameters).map(([k, v]) => parameterLabel(k, v));
      return { data, label: [loss.name, ...params].join(', ') };
    } catch (err) {
      if (err instanceof ExpressionError) return undefined;
      throw err;
    }
  }

  snapshot(): PreviewState {
    return { ...this.state, values: { ...this.values } };
  }
}

function analysisOptions(state: PreviewState, set: Record<string, number>): AnalyzeOptions {
  const { wrt, activation, domain } = state.options;
  const options: AnalyzeOptions = { set, budgetMs: ANALYSIS_BUDGET_MS };
  if (wrt) options.wrt = wrt;
  if (activation && isActivation(activation)) options.activation = activation;
  if (Array.isArray(domain) && domain.length === 2) options.domain = [domain[0] ?? null, domain[1] ?? null];
  return options;
}
