/**
 * The lint of ML code: finds every loss in a file (TypeScript/JavaScript with TensorFlow.js today) and checks
 * it with the analysis core. Pure functions over text: no `vscode`, no DOM; other files are read only through
 * the `project` option. The parser of a language is loaded on first use.
 */
import { lintDocument } from './engine/lintDocument';
import type { FrontEnd } from './engine/frontEnd';
import type { LintOptions, LintResult, LossSite } from './engine/types';
import { typescriptFrontEnd } from './languages/typescript/fileReader';

export type { ActivationSource, LintCode, LintDiagnostic, LintOptions, LintResult, LintSeverity, LossSite, Precision, SiteKind, SourceEdit, SourceFix } from './engine/types';
export type { Framework } from './engine/frontEnd';
export type { ProjectFiles } from './engine/project';
export { projectFromMap } from './engine/project';
export { applySourceEdits } from './engine/sourceMap';
export { clearAnalysisCache } from './engine/lossAnalysis';
export { ACTIVATION_RULES, RULES, RULE_META, ruleFor } from './rules';
export type { RuleMeta, RuleDocs } from './rules';
export { formatStylish } from './engine/format/stylish';
export { formatSarif } from './engine/format/sarif';
export type { FileResult } from './engine/format/stylish';

const FRONT_ENDS: readonly FrontEnd[] = [typescriptFrontEnd];

/** Every file extension the lint reads. */
export const LINTABLE_EXTENSIONS: readonly string[] = FRONT_ENDS.flatMap((f) => f.extensions);

/** Files larger than this are not parsed (a generated bundle, not loss code). */
export const MAX_LINT_TEXT = 3_000_000;

function extensionOf(fileName: string): string {
  const m = /\.[A-Za-z0-9]+$/.exec(fileName);
  return m ? m[0].toLowerCase() : '';
}

/** The front end that reads a file of this name; TypeScript for names it does not know. */
export function frontEndFor(fileName: string): FrontEnd {
  const ext = extensionOf(fileName);
  return FRONT_ENDS.find((f) => f.extensions.includes(ext)) ?? typescriptFrontEnd;
}

/** Lints one file. Never throws; returns what it found within `options.budgetMs`. */
export function lintText(text: string, fileName: string, options: LintOptions = {}): LintResult {
  if (typeof text !== 'string') return { sites: [], diagnostics: [], internalError: 'the text to lint is not a string' };
  if (text.length > MAX_LINT_TEXT) {
    return { sites: [], diagnostics: [], incomplete: true, incompleteReason: `the file is larger than ${MAX_LINT_TEXT} characters` };
  }
  const name = typeof fileName === 'string' ? fileName : 'file.ts';
  try {
    return lintDocument(frontEndFor(name), text, name, options ?? {});
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

/** A cheap test (no parse): whether the text can hold a loss site for the front end of `fileName` (TypeScript when absent). */
export function looksLikeMlSource(text: string, fileName?: string): boolean {
  return typeof text === 'string' && frontEndFor(fileName ?? 'file.ts').looksRelevant(text);
}
export { COMPARISON_KERNELS, GRADIENTLESS_KERNELS } from './languages/typescript/tfjsGradients';
