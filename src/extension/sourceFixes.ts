import * as vscode from 'vscode';
import type { LintDiagnostic } from '../lint/index';
import { orderedEdits } from './fixEdits';

export type LintFix = LintDiagnostic['fixes'][number];

/**
 * A WorkspaceEdit for a lint fix on the document's current text, or undefined when the fix does not fit
 * it. Applied with `workspace.applyEdit`, it lands on the document's undo stack like typing does.
 */
export function workspaceEditForFix(document: vscode.TextDocument, fix: LintFix): vscode.WorkspaceEdit | undefined {
  const edits = orderedEdits(fix.edits, document.getText().length);
  if (!edits) return undefined;
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
  }
  return edit;
}
