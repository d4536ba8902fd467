import { analyze, ExpressionError, logitView, printMathjs } from '../../src/core';
import type { Analysis, LogitView } from '../../src/core';
import { targetRangeFor } from '../../src/core/analysis/domain';

/**
 * The loss against the logit z, as an analysis the plot can draw: L(σ(z)) analysed over the real line (so
 * its hazard zones show where float32 σ saturates and log(σ(z)) breaks), with the gradient replaced by the
 * chain-rule form ∂L/∂z the weights receive, and the TeX of both.
 */
export function logitAnalysis(analysis: Analysis, budgetMs: number): { view: LogitView; analysis: Analysis } | null {
  const view = logitView(analysis);
  if (!view) return null;
  const set = Object.fromEntries(analysis.parameters.map((p) => [p.name, p.value]));
  try {
    const inZ = analyze(printMathjs(view.ast), { wrt: view.variable, domain: [null, null], set, targetRange: targetRangeFor(analysis.domain), budgetMs });
    return {
      view,
      analysis: { ...inZ, derivativeAst: view.derivativeAst, derivative: view.derivative, latex: view.latex, derivativeLatex: view.derivativeLatex, steps: analysis.steps },
    };
  } catch (err) {
    if (err instanceof ExpressionError) return null;
    throw err;
  }
}
