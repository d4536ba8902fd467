/**
 * The lint of ML code: finds every loss in a file (TypeScript/JavaScript with TensorFlow.js; Python with Keras,
 * PyTorch, NumPy and JAX, in `.py` files and Jupyter notebooks) and checks it with the analysis core. Pure
 * functions over text: no `vscode`, no DOM; other files are read only through the `project` option. The parser
 * of a language is loaded on first use: the Python front end is its own bundle (dist/python.cjs).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { requireWithCodeCache } from './engine/codeCache';
import { lintDocument } from './engine/lintDocument';
import type { FrontEnd } from './engine/frontEnd';
import type { LintOptions, LintResult, LossSite } from './engine/types';
import { typescriptFrontEnd } from './languages/typescript/fileReader';
import { notebookLint } from './notebookLint';
import { isUnparsable } from './engine/unparsableSource';

export type { ActivationSource, LintCode, LintDiagnostic, LintOptions, LintResult, LintSeverity, LossSite, Precision, SiteKind, SourceEdit, SourceFix } from './engine/types';
export type { Framework } from './engine/frontEnd';
export type { ProjectFiles } from './engine/project';
export { projectFromMap } from './engine/project';
export { applySourceEdits } from './engine/sourceMap';
export { clearAnalysisCache } from './engine/lossAnalysis';
import { clearAnalysisCache } from './engine/lossAnalysis';
import { forgetParsedExpressions } from '../core';
import { clearParsedFiles } from './languages/typescript/parsedFiles';
import { clearCompilingModules } from './languages/typescript/imports';
export { clearParsedFiles };

/** Forgets what earlier lints kept (analyses of losses, parsed files, parsed expressions): the next lint runs as in a fresh process. */
export function clearCaches(): void {
  clearAnalysisCache();
  clearParsedFiles();
  clearCompilingModules();
  forgetParsedExpressions();
}
export { ACTIVATION_RULES, RULES, RULE_META, ruleFor } from './rules';
export type { RuleMeta, RuleDocs } from './rules';
export { formatStylish } from './engine/format/stylish';
export { formatSarif } from './engine/format/sarif';
export type { FileResult } from './engine/format/stylish';

type PythonModule = typeof import('./languages/python');
let pythonModule: PythonModule | undefined;

/** The Python front end, loaded on first use (in the bundle, `./languages/python` is dist/python.cjs). */
export function loadPython(): PythonModule {
  pythonModule ??= loadPythonBundle();
  return pythonModule;
}

/** dist/python.cjs beside the bundle through V8's code cache; the module itself when running from source (tests). */
function loadPythonBundle(): PythonModule {
  const beside = typeof __dirname === 'string' && __filename.endsWith('lint.cjs') ? path.join(__dirname, 'python.cjs') : undefined;
  if (beside && existsSync(beside)) {
    try {
      return requireWithCodeCache(beside) as PythonModule;
    } catch {
      // Fall through to the plain require below.
    }
  }
  return require('./languages/python') as PythonModule;
}

const PYTHON_EXTENSIONS = ['.py', '.pyw', '.pyi'] as const;

const pythonFrontEnd: FrontEnd = {
  language: 'python',
  extensions: PYTHON_EXTENSIONS,
  looksRelevant: (text) => loadPython().pythonFrontEnd.looksRelevant(text),
  loadParser: () => void loadPython(),
  parse: (text, fileName, stop) => loadPython().pythonFrontEnd.parse(text, fileName, stop),
  read: (request) => loadPython().pythonFrontEnd.read(request),
};

const FRONT_ENDS: readonly FrontEnd[] = [typescriptFrontEnd, pythonFrontEnd];

/** Every file extension the lint reads: the front ends' and Jupyter notebooks. */
export const LINTABLE_EXTENSIONS: readonly string[] = [...FRONT_ENDS.flatMap((f) => f.extensions), '.ipynb'];

function isNotebook(fileName: string): boolean {
  return extensionOf(fileName) === '.ipynb';
}

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
    if (isNotebook(name)) return notebookLint(loadPython(), options ?? {}).lintJson(text, name);
    return lintDocument(frontEndFor(name), text, name, options ?? {});
  } catch (err) {
    if (isUnparsable(err)) return { sites: [], diagnostics: [], incomplete: true, incompleteReason: err.message };
    if (err instanceof RangeError) return { sites: [], diagnostics: [], incomplete: true, incompleteReason: 'the code is nested too deeply to parse' };
    return { sites: [], diagnostics: [], incomplete: true, internalError: (err as Error)?.message ?? String(err) };
  }
}

/**
 * Lints the code cells of a notebook held as separate documents (an editor's notebook cells), in order: a loss in
 * a later cell sees the definitions of earlier ones. Diagnostics, sites and fix edits carry `cell` (0-based among
 * the given cells) with offsets, lines and columns within that cell. Never throws.
 */
export function lintNotebookCells(cells: readonly string[], fileName: string, options: LintOptions = {}): LintResult {
  if (!Array.isArray(cells) || cells.some((c) => typeof c !== 'string')) return { sites: [], diagnostics: [], internalError: 'the cells to lint are not strings' };
  if (cells.reduce((n, c) => n + c.length, 0) > MAX_LINT_TEXT) {
    return { sites: [], diagnostics: [], incomplete: true, incompleteReason: `the notebook is larger than ${MAX_LINT_TEXT} characters` };
  }
  try {
    return notebookLint(loadPython(), options ?? {}).lintCells(cells, typeof fileName === 'string' ? fileName : 'notebook.ipynb');
  } catch (err) {
    if (isUnparsable(err)) return { sites: [], diagnostics: [], incomplete: true, incompleteReason: err.message };
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
  if (typeof text !== 'string') return false;
  if (fileName && isNotebook(fileName)) return /"cell_type"\s*:\s*"code"/.test(text) && loadPython().pythonFrontEnd.looksRelevant(text);
  return frontEndFor(fileName ?? 'file.ts').looksRelevant(text);
}
export { COMPARISON_KERNELS, GRADIENTLESS_KERNELS, OP_KERNELS } from './languages/typescript/tfjsGradients';
export { TFJS_LAYER_FACTORIES } from './languages/typescript/missingLayers';
