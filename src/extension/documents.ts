/**
 * VS Code's text documents as the service's tiny document interface (one wrapper per document). A notebook's
 * cells are text documents of the `vscode-notebook-cell` scheme; their wrapper names the notebook and the cell's
 * index in it, so that the service reads each code cell after the cells above it.
 */
import * as vscode from 'vscode';
import type { ServiceDocument } from '../service';

export interface VsDocument extends ServiceDocument {
  readonly textDocument: vscode.TextDocument;
}

const wrappers = new WeakMap<vscode.TextDocument, VsDocument>();

export function serviceDocument(textDocument: vscode.TextDocument): VsDocument {
  let wrapped = wrappers.get(textDocument);
  if (!wrapped) {
    wrapped = {
      textDocument,
      uri: textDocument.uri.toString(),
      get version() {
        return textDocument.version;
      },
      get languageId() {
        return textDocument.languageId;
      },
      get fileName() {
        return textDocument.fileName;
      },
      get notebook() {
        return notebookCellOf(textDocument);
      },
      getText: () => textDocument.getText(),
    };
    wrappers.set(textDocument, wrapped);
  }
  return wrapped;
}

const CELL_SCHEME = 'vscode-notebook-cell';

/** The notebook a cell document belongs to, and the cell's index among the notebook's cells. */
function notebookCellOf(textDocument: vscode.TextDocument): ServiceDocument['notebook'] {
  if (textDocument.uri.scheme !== CELL_SCHEME) return undefined;
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find((c) => c.document === textDocument);
    if (cell) return cell.kind === vscode.NotebookCellKind.Code ? { uri: notebook.uri.toString(), cell: cell.index } : undefined;
  }
  return undefined;
}

/** The open document with this URI, if it is open. */
export function openDocument(uri: string): VsDocument | undefined {
  const found = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri);
  return found && serviceDocument(found);
}

export function openDocuments(): VsDocument[] {
  return vscode.workspace.textDocuments.filter((d) => !d.isClosed).map(serviceDocument);
}

export function toRange(document: vscode.TextDocument, range: { start: number; end: number }): vscode.Range {
  return new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
}
