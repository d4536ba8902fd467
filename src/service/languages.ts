/**
 * Which documents Loss Lens reads, and under what file name the lint sees them. The lint decides which file
 * types it reads (its front ends' extensions); this table only knows how editors name those types, so a
 * language the lint learns to read is served as soon as its extensions are in the lint.
 */

/** Editors' language ids (VS Code's, which LSP clients send too) and the file extensions of each. */
const EDITOR_LANGUAGES: Readonly<Record<string, readonly string[]>> = {
  typescript: ['.ts', '.mts', '.cts'],
  typescriptreact: ['.tsx'],
  javascript: ['.js', '.mjs', '.cjs'],
  javascriptreact: ['.jsx'],
  python: ['.py', '.pyw', '.pyi'],
  // Pages and components: the lint reads their <script> blocks.
  html: ['.html', '.htm'],
  vue: ['.vue'],
  svelte: ['.svelte'],
};

/** Schemes of documents that mirror another one (diff views, output): linting them would duplicate problems. */
const MIRROR_SCHEMES = new Set(['git', 'gitfs', 'output', 'vscode-scm', 'review', 'pr']);

/** Documents past this length are not analysed: a generated bundle, not loss code. */
export const MAX_ANALYSED_LENGTH = 2_000_000;

/** The language ids of the documents a lint that reads these file extensions can read, in table order. */
export function languagesReading(extensions: readonly string[]): string[] {
  const read = new Set(extensions.map((e) => e.toLowerCase()));
  return Object.entries(EDITOR_LANGUAGES)
    .filter(([, exts]) => exts.some((e) => read.has(e)))
    .map(([id]) => id);
}

export function isAnalysedScheme(scheme: string): boolean {
  return !MIRROR_SCHEMES.has(scheme);
}

/**
 * The file name to lint a document under: its own when its extension fits its language, else with the
 * language's extension appended (an untitled TypeScript buffer, a `.es6` file set to JavaScript, a notebook
 * cell), so the lint picks the right front end and dialect.
 */
export function lintFileName(fileName: string, languageId: string): string {
  const extensions = EDITOR_LANGUAGES[languageId];
  if (!extensions) return fileName;
  const lower = fileName.toLowerCase();
  return extensions.some((ext) => lower.endsWith(ext)) ? fileName : `${fileName}${extensions[0]}`;
}
