/**
 * Notebook cells as the lint reads them: each code cell after the code cells above it, so that a loss in a cell
 * sees the imports, models and helpers defined earlier (`model.compile(loss='mse')` under a model built two cells
 * up). The lint reads the cells as one program and reports every position per cell (`lintNotebookCells`); a
 * cell keeps its own sites and diagnostics, and only the fixes whose edits stay inside it, since an editor
 * applies a fix to the one cell document it was asked about.
 */
import type { LintResult } from '../lint/index';
import { documentFileName, filePath, type ServiceDocument } from './document';

/** The language of the code cells the lint reads (a notebook's Markdown and raw cells are left out). */
export const CELL_LANGUAGE = 'python';

/** The open code cells of a notebook, in notebook order. */
export function notebookCells<D extends ServiceDocument>(notebookUri: string, open: Iterable<D>): D[] {
  const cells: D[] = [];
  for (const document of open) {
    if (document.notebook?.uri === notebookUri && document.languageId === CELL_LANGUAGE) cells.push(document);
  }
  return cells.sort((a, b) => (a.notebook?.cell ?? 0) - (b.notebook?.cell ?? 0));
}

/**
 * A cell with the code cells above it, in order (the cell itself last); undefined for a document that is not a
 * code cell of an open notebook.
 */
export function cellsUpTo<D extends ServiceDocument>(document: ServiceDocument, open: Iterable<D>): D[] | undefined {
  const notebook = document.notebook;
  if (!notebook || document.languageId !== CELL_LANGUAGE) return undefined;
  const cells = notebookCells(notebook.uri, open);
  const index = cells.findIndex((c) => c.uri === document.uri);
  return index < 0 ? undefined : cells.slice(0, index + 1);
}

/** The code cells below a cell in its notebook, whose results depend on it. */
export function cellsAfter<D extends ServiceDocument>(document: ServiceDocument, open: Iterable<D>): D[] {
  const notebook = document.notebook;
  if (!notebook) return [];
  const cells = notebookCells(notebook.uri, open);
  const index = cells.findIndex((c) => c.uri === document.uri);
  return index < 0 ? [] : cells.slice(index + 1);
}

/** The name a cell is linted under: its notebook's path (imports are found beside it), else the cell's own name. */
export function cellFileName(document: ServiceDocument): string {
  return (document.notebook && filePath(document.notebook.uri)) ?? documentFileName(document);
}

/**
 * The part of a notebook's result that belongs to one cell (0-based among the cells linted): its sites, its
 * diagnostics, and of their fixes those whose every edit is in that cell.
 */
export function cellResult(result: LintResult, cell: number): LintResult {
  return {
    ...result,
    sites: result.sites.filter((s) => s.cell === cell),
    diagnostics: result.diagnostics
      .filter((d) => d.cell === cell)
      .map((d) => ({ ...d, fixes: d.fixes.filter((f) => f.edits.every((e) => e.cell === undefined || e.cell === cell)) })),
  };
}
