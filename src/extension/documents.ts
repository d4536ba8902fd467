/** VS Code's text documents as the service's tiny document interface (one wrapper per document). */
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
      getText: () => textDocument.getText(),
    };
    wrappers.set(textDocument, wrapped);
  }
  return wrapped;
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
