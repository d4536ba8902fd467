/** Offset edits from the service as a VS Code WorkspaceEdit: applied with `workspace.applyEdit`, one undo step. */
import * as vscode from 'vscode';
import { orderedEdits, type OffsetEdit } from '../service';

/** A WorkspaceEdit for edits on the document's current text, or undefined when they do not fit it. */
export function workspaceEditFor(document: vscode.TextDocument, edits: readonly OffsetEdit[]): vscode.WorkspaceEdit | undefined {
  const ordered = orderedEdits(edits, document.getText().length);
  if (!ordered) return undefined;
  const edit = new vscode.WorkspaceEdit();
  for (const e of ordered) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
  return edit;
}
