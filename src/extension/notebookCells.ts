import * as vscode from 'vscode';

/**
 * A notebook code cell as the lint reads it: with the code cells before it, so that a loss in this cell sees the
 * imports, models and helpers defined earlier (`model.compile(loss='mse')` under a model built two cells up).
 */
export interface CellContext {
  /** The text of the notebook's Python code cells up to and including this one. */
  cells: string[];
  /** This cell's index among them (the last). */
  index: number;
}

const CELL_SCHEME = 'vscode-notebook-cell';

function codeCells(notebook: vscode.NotebookDocument): vscode.NotebookCell[] {
  return notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
}

function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== CELL_SCHEME) return undefined;
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document === document));
}

export function cellContext(document: vscode.TextDocument): CellContext | undefined {
  const notebook = notebookOf(document);
  if (!notebook) return undefined;
  const cells = codeCells(notebook);
  const index = cells.findIndex((c) => c.document === document);
  if (index < 0) return undefined;
  return { cells: cells.slice(0, index + 1).map((c) => c.document.getText()), index };
}

/** The code cells after this one, whose results depend on it. */
export function laterCells(document: vscode.TextDocument): vscode.TextDocument[] {
  const notebook = notebookOf(document);
  if (!notebook) return [];
  const cells = codeCells(notebook);
  const index = cells.findIndex((c) => c.document === document);
  return index < 0 ? [] : cells.slice(index + 1).map((c) => c.document);
}
