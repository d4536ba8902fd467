/**
 * Symbols in expression text, with no other dependency: the lint and the editor service (which keeps the lint and the
 * core out of its bundle) ask the same question.
 */

/** Whether expression text uses a symbol (`yPred` in `log(yPred + eps)`, not in `yPred_2`). */
export function mentionsSymbol(text: string, symbol: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${symbol}([^A-Za-z0-9_]|$)`).test(text);
}
