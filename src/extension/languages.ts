/**
 * Which documents Loss Lens reads, and under what file name the lint sees them. Python covers `.py` files and the
 * code cells of Jupyter notebooks (documents of the `vscode-notebook-cell` scheme, named after the notebook).
 */
export const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python'] as const;

/** Schemes of documents that mirror another one (diff views, output): linting them would duplicate problems. */
const MIRROR_SCHEMES = new Set(['git', 'gitfs', 'output', 'vscode-scm', 'review', 'pr']);

/** Documents past this length are not analysed: a generated bundle, not loss code. */
export const MAX_ANALYSED_LENGTH = 2_000_000;

export function isLossLanguage(languageId: string): boolean {
  return (LANGUAGES as readonly string[]).includes(languageId);
}

export function isAnalysedScheme(scheme: string): boolean {
  return !MIRROR_SCHEMES.has(scheme);
}

const EXTENSION_OF: Record<(typeof LANGUAGES)[number], readonly string[]> = {
  typescript: ['.ts', '.mts', '.cts'],
  typescriptreact: ['.tsx'],
  javascript: ['.js', '.mjs', '.cjs'],
  javascriptreact: ['.jsx'],
  python: ['.py', '.pyw', '.pyi'],
};

/**
 * The file name to lint a document under: its own when its extension fits its language, else with the
 * language's extension appended (an untitled TypeScript buffer, a `.es6` file set to JavaScript), so the
 * parser reads it in the right dialect.
 */
export function lintFileName(fileName: string, languageId: string): string {
  const extensions = EXTENSION_OF[languageId as keyof typeof EXTENSION_OF];
  if (!extensions) return fileName;
  const lower = fileName.toLowerCase();
  return extensions.some((ext) => lower.endsWith(ext)) ? fileName : `${fileName}${extensions[0]}`;
}
