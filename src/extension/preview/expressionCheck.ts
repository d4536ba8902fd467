import type { Core } from '../../service';

export const EXAMPLE_EXPRESSION = '-(y * log(p) + (1 - y) * log(1 - p))';

/** Analysis budget while the person types: enough to parse and find the prediction, not to simplify at length. */
const TYPING_BUDGET_MS = 40;

/**
 * Why an expression cannot be previewed, as the input box shows it (the error and its 1-based column),
 * or undefined when it can.
 */
export function expressionProblem(core: Pick<Core, 'analyze' | 'ExpressionError'>, value: string): string | undefined {
  if (value.trim() === '') return `Type a loss, for example ${EXAMPLE_EXPRESSION}`;
  try {
    core.analyze(value, { budgetMs: TYPING_BUDGET_MS });
    return undefined;
  } catch (err) {
    if (err instanceof core.ExpressionError) return `Column ${err.column}: ${err.message}`;
    return `Cannot analyse this expression: ${err instanceof Error ? err.message : String(err)}`;
  }
}
