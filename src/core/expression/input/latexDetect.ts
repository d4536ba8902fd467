/**
 * Whether pasted text is LaTeX: backslash commands (\frac, \log, \hat) or a ^{…} / _{…} group. Kept apart
 * from the LaTeX reader, which is a bundle of its own loaded only when this says yes.
 */
export function looksLikeLatex(text: string): boolean {
  return /\\[A-Za-z]{2,}|[_^]\{/.test(text);
}
