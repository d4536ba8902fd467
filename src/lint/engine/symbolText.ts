/**
 * Symbols and brackets in expression text, with no other dependency: the lint and the editor service (which keeps the lint and the
 * core out of its bundle) ask the same question.
 */

/** Whether expression text uses a symbol (`yPred` in `log(yPred + eps)`, not in `yPred_2`). */
export function mentionsSymbol(text: string, symbol: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${symbol}([^A-Za-z0-9_]|$)`).test(text);
}

/** The index of the parenthesis that closes the one at `open` in expression text, or -1. */
export function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}
