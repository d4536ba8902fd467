/**
 * The lint of TensorFlow.js code: finds every loss in a TypeScript or JavaScript file and checks it with
 * the analysis core. Pure functions over text: no `vscode`, no DOM, no file system. The TypeScript parser
 * is loaded on first use.
 */
import { lintFile } from './lintFile';
import type { LintOptions, LintResult, LossSite } from './types';

export type { ActivationSource, LintDiagnostic, LintOptions, LintResult, LossSite, SiteKind, SourceEdit, SourceFix } from './types';
export { applySourceEdits } from './sourceFixes';
export { clearAnalysisCache } from './siteAnalysis';
export { LINTABLE_EXTENSIONS } from './compiler';
export { ACTIVATION_RULES } from './activationRules';
export { formatStylish } from './formatStylish';
export { formatSarif } from './formatSarif';
export type { FileResult } from './formatStylish';

/** Files larger than this are not parsed (a generated bundle, not loss code). */
export const MAX_LINT_TEXT = 3_000_000;

/** Lints one file. Never throws; returns what it found within `options.budgetMs`. */
export function lintText(text: string, fileName: string, options: LintOptions = {}): LintResult {
  if (typeof text !== 'string') return { sites: [], diagnostics: [], internalError: 'the text to lint is not a string' };
  if (text.length > MAX_LINT_TEXT) {
    return { sites: [], diagnostics: [], incomplete: true, incompleteReason: `the file is larger than ${MAX_LINT_TEXT} characters` };
  }
  try {
    return lintFile(text, typeof fileName === 'string' ? fileName : 'file.ts', options ?? {});
  } catch (err) {
    if (err instanceof RangeError) return { sites: [], diagnostics: [], incomplete: true, incompleteReason: 'the code is nested too deeply to parse' };
    return { sites: [], diagnostics: [], incomplete: true, internalError: (err as Error)?.message ?? String(err) };
  }
}

/** The innermost site whose range contains `offset`. */
export function siteAt(result: LintResult, offset: number): LossSite | undefined {
  let best: LossSite | undefined;
  for (const s of result.sites) {
    if (s.start <= offset && offset <= s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
  }
  return best;
}

const ML_HINTS = /@tensorflow\/tfjs|\btf\s*\.\s*[a-z]|@loss\b|\bfunction\s*[\w$]*(?:[lL]oss|[eE]ntropy)[\w$]*\s*\(|[\w$]*(?:[lL]oss|[eE]ntropy)[\w$]*\s*=\s*(?:async\s+)?(?:function\b|\([^)]*,[^)]*\)\s*=>)/;

/** A cheap test (no parse): whether the text uses TF.js, has `@loss` annotations or defines loss-like functions. */
export function looksLikeMlSource(text: string): boolean {
  return typeof text === 'string' && ML_HINTS.test(text);
}
