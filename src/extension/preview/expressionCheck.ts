import type { Core } from '../../service';
import type { Latex } from '../modules';

export const EXAMPLE_EXPRESSION = '-(y * log(p) + (1 - y) * log(1 - p))';

/** Analysis budget while the person types: enough to parse and find the prediction, not to simplify at length. */
const TYPING_BUDGET_MS = 40;

/**
 * Why an expression cannot be previewed, as the input box shows it (the error and its 1-based column),
 * or undefined when it can.
 */
export function expressionProblem(core: Pick<Core, 'analyze' | 'ExpressionError' | 'looksLikeLatex'>, value: string, latex?: () => Pick<Latex, 'readLatex'>): string | undefined {
  if (value.trim() === '') return `Type a loss, for example ${EXAMPLE_EXPRESSION}`;
  try {
    core.analyze(readable(core, value, latex).expression, { budgetMs: TYPING_BUDGET_MS });
    return undefined;
  } catch (err) {
    if (err instanceof core.ExpressionError || (err as Error)?.name === 'ExpressionError') return `Column ${(err as { column: number }).column}: ${(err as Error).message}`;
    return `Cannot analyse this expression: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** The loss in the syntax the analysis reads: LaTeX from a paper goes through the LaTeX reader first. */
export function readable(core: Pick<Core, 'looksLikeLatex'>, value: string, latex?: () => Pick<Latex, 'readLatex'>): { expression: string; assumptions: string[] } {
  if (latex && core.looksLikeLatex(value)) return latex().readLatex(value);
  return { expression: value, assumptions: [] };
}
