/**
 * A loss whose value the front end found to be no tensor at all (JavaScript's `1 - yTrue * yPred` on TF.js tensors is
 * NaN): its hazards, read from the formula as written (a hinge's kink, a log's zero), are about a loss that never runs,
 * so they are dropped; the problem that says why (a `no-gradient` error) stays.
 */
import type { FrontEndProblem } from './frontEnd';
import type { LintDiagnostic, LossSite } from './types';

/** The codes of a formula's hazards, read from what the loss computes. */
const FORMULA_HAZARDS = new Set(['non-differentiable', 'log-of-zero', 'division-by-zero', 'sqrt-at-zero', 'exp-overflow']);

export function dropFindingsOfVoidLosses(diagnostics: Omit<LintDiagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>[], sites: readonly LossSite[], problems: readonly FrontEndProblem[]): void {
  const voiding = problems.filter((p) => p.voidsLoss);
  if (voiding.length === 0) return;
  const voided = (d: { siteId?: number; code: string }) => {
    const site = d.siteId !== undefined && d.siteId >= 0 ? sites[d.siteId] : undefined;
    return !!site && FORMULA_HAZARDS.has(d.code) && voiding.some((p) => site.start <= p.start && p.end <= site.end);
  };
  for (let i = diagnostics.length - 1; i >= 0; i--) if (voided(diagnostics[i]!)) diagnostics.splice(i, 1);
}
