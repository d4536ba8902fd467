import { analyze, isActivation } from '../../src/core';
import type { Analysis, AnalyzeOptions } from '../../src/core';
import type { InitialAnalysis, PreviewState } from './protocol';

/**
 * The analysis the page starts from. Whoever writes the page (the CLI, the extension) computes it and puts
 * it in the state, so the first paint needs neither mathjs's parser nor a differentiation in the page; the
 * page analyses again itself once a value changes. The page uses it only for exactly these options.
 */
export const PAGE_ANALYSIS_BUDGET_MS = 2000;

export function pageAnalysisOptions(state: PreviewState, set: Record<string, number>): AnalyzeOptions {
  const { wrt, activation, domain } = state.options;
  const options: AnalyzeOptions = { set, budgetMs: PAGE_ANALYSIS_BUDGET_MS };
  if (wrt) options.wrt = wrt;
  if (activation && isActivation(activation)) options.activation = activation;
  if (Array.isArray(domain) && domain.length === 2) options.domain = [domain[0] ?? null, domain[1] ?? null];
  return options;
}

/** The key an initial analysis is kept under: the expression, the options and the values set. */
export function analysisKey(state: PreviewState, set: Record<string, number>): string {
  const sorted = Object.fromEntries(Object.entries(set).sort(([a], [b]) => (a < b ? -1 : 1)));
  return JSON.stringify([state.expression, state.options.wrt ?? null, state.options.activation ?? null, state.options.domain ?? null, sorted]);
}

/** The analysis for a state's first paint, or undefined when it does not survive JSON (a non-finite number). */
export function initialAnalysis(state: PreviewState): InitialAnalysis | undefined {
  const set = { ...(state.options.set ?? {}) };
  const analysis: Analysis = analyze(state.expression, pageAnalysisOptions(state, set));
  let finite = true;
  const text = JSON.stringify(analysis, (_key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) finite = false;
    return value;
  });
  return finite ? { key: analysisKey(state, set), analysis: JSON.parse(text) as Analysis } : undefined;
}
